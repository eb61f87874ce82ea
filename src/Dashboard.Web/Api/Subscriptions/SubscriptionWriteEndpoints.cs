using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;

namespace Dashboard.Web.Api.Subscriptions;

/// <summary>
/// Subscription writes: POST (upsert on oid), PUT /{oid} (a change: new terms from occurred_at, appended to the history;
/// what it does not name carries over from the terms in effect then),
/// PUT /{oid}/cancel, DELETE /{oid}.
/// </summary>
public static class SubscriptionWriteEndpoints
{
    public static void MapSubscriptionWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/subscriptions").WithTags("Subscriptions").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", ([AsParameters] SourceWriteRequest request, TimeProvider clock) => Writes(clock).UpsertAsync(request, Create()))
            .AcceptsBody<SubscriptionRequest>();
        group.MapPut("/{oid}", (string oid, [AsParameters] SourceWriteRequest request, TimeProvider clock) => Writes(clock).UpsertAsync(request, Change(oid, clock)))
            .AcceptsBody<SubscriptionChangeRequest>();
        group.MapPut("/{oid}/cancel", (string oid, [AsParameters] SourceWriteRequest request, TimeProvider clock) => Writes(clock).UpsertAsync(request, Cancel(oid)))
            .AcceptsBody<SubscriptionCancelRequest>();
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request, TimeProvider clock) => Writes(clock).DeleteAsync(oid, request));
    }

    /// <summary>Subscriptions are read back as of now (their current terms), hence one helper per request.</summary>
    private static ResourceWrites<SubscriptionDto, SubscriptionEnvelope> Writes(TimeProvider clock) =>
        new(ImportObjectKind.Subscription, (db, sourceId, oid, ct) => SubscriptionReads.FindAsync(db, sourceId, oid, clock.GetUtcNow(), ct),
            subscription => new SubscriptionEnvelope(subscription));

    private static Func<SubscriptionRequest, FieldErrors, ImportOperation> Create() => (body, errors) => new SubscriptionImport
    {
        Oid = OidRules.Resolve(null, body.Oid, errors),
        CustomerOid = body.CustomerOid,
        PlanOid = body.PlanOid,
        StartedAt = body.StartedAt,
        CanceledAt = body.CanceledAt,
        TrialEnd = body.TrialEnd,
        Quantity = body.Quantity,
        Discount = body.Discount,
        AddOns = AddOns(body.Addons, errors),
    };

    /// <summary>
    /// New terms from occurred_at (now when the body does not say, as in Baremetrics); what the body does not name carries
    /// over from the terms in effect then.
    /// </summary>
    private static Func<SubscriptionChangeRequest, FieldErrors, ImportOperation> Change(string oid, TimeProvider clock) => (body, errors) => new SubscriptionChange
    {
        Oid = oid,
        PlanOid = body.PlanOid,
        OccurredAt = body.OccurredAt ?? clock.GetUtcNow(),
        Quantity = body.Quantity,
        Discount = body.Discount,
        AddOns = AddOns(body.Addons, errors),
    };

    private static Func<SubscriptionCancelRequest, FieldErrors, ImportOperation> Cancel(string oid) => (body, _) =>
        new SubscriptionCancellation { Oid = oid, CanceledAt = body.CanceledAt };

    private static List<AddOnImport>? AddOns(IReadOnlyList<AddOnRequest?>? addOns, FieldErrors errors)
    {
        if (addOns is null)
        {
            return null;
        }

        var result = new List<AddOnImport>();
        for (var i = 0; i < addOns.Count; i++)
        {
            if (addOns[i] is not { } addOn)
            {
                errors.Add($"addons[{i}]", "must be an object {oid, amount, quantity}");
                continue;
            }

            result.Add(new AddOnImport { Oid = addOn.Oid, Amount = addOn.Amount, Quantity = addOn.Quantity });
        }

        return result;
    }
}
