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
        group.MapPost("/", ([AsParameters] SourceWriteRequest request) =>
                Writes(request, SubscriptionWriteKind.Created, null).UpsertAsync(request, Create()))
            .AcceptsBody<SubscriptionRequest>();
        group.MapPut("/{oid}", (string oid, [AsParameters] SourceWriteRequest request, TimeProvider clock) =>
            {
                var sent = new SentOccurrence();
                return Writes(request, SubscriptionWriteKind.Updated, sent).UpsertAsync(request, Change(oid, sent, clock));
            })
            .AcceptsBody<SubscriptionChangeRequest>();
        group.MapPut("/{oid}/cancel", (string oid, [AsParameters] SourceWriteRequest request) =>
                Writes(request, SubscriptionWriteKind.Canceled, null).UpsertAsync(request, Cancel(oid)))
            .AcceptsBody<SubscriptionCancelRequest>();
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) =>
            new ResourceWrites<SubscriptionDto, SubscriptionEnvelope>(ImportObjectKind.Subscription, Find(request), s => new SubscriptionEnvelope(s))
                .DeleteAsync(oid, request));
    }

    /// <summary>
    /// A write answers with its event (Baremetrics' <c>{event: {id, type, info}}</c>) and the subscription as it is now;
    /// hence one helper per request.
    /// </summary>
    private static ResourceWrites<SubscriptionDto, SubscriptionEventEnvelope> Writes(SourceWriteRequest request, SubscriptionWriteKind kind, SentOccurrence? sent)
    {
        var received = request.Http.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return new(ImportObjectKind.Subscription, Find(request), subscription => SubscriptionEvents.Envelope(kind, subscription, sent?.OccurredAt, received));
    }

    private static Func<Dashboard.Infrastructure.Data.DashboardDbContext, long, string, CancellationToken, Task<SubscriptionDto?>> Find(SourceWriteRequest request)
    {
        var services = request.Http.HttpContext.RequestServices;
        var clock = services.GetRequiredService<TimeProvider>();
        var numbers = services.GetRequiredService<CustomerNumbers>().ForWrite();
        return (db, sourceId, oid, ct) => SubscriptionReads.FindAsync(db, sourceId, oid, clock.GetUtcNow(), numbers, ct);
    }

    /// <summary>The occurred_at a change was sent with, to name its state in the answer's event.</summary>
    private sealed class SentOccurrence
    {
        public DateTimeOffset? OccurredAt { get; set; }
    }

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
    private static Func<SubscriptionChangeRequest, FieldErrors, ImportOperation> Change(string oid, SentOccurrence sent, TimeProvider clock) => (body, errors) =>
    {
        sent.OccurredAt = body.OccurredAt ?? clock.GetUtcNow();
        return new SubscriptionChange
        {
            Oid = oid,
            PlanOid = body.PlanOid,
            OccurredAt = sent.OccurredAt,
            Quantity = body.Quantity,
            Discount = body.Discount,
            AddOns = AddOns(body.Addons, errors),
        };
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
