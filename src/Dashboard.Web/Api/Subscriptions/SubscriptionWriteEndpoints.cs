using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Subscriptions;

/// <summary>
/// Subscription writes: POST (upsert on oid), PUT /{oid} (a change: new terms from occurred_at, appended to the history),
/// PUT /{oid}/cancel, DELETE /{oid}.
/// </summary>
public static class SubscriptionWriteEndpoints
{
    public static void MapSubscriptionWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/subscriptions").WithTags("Subscriptions").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", CreateAsync)
            .Accepts<SubscriptionRequest>("application/json")
            .Produces<SubscriptionEnvelope>(StatusCodes.Status201Created)
            .Produces<SubscriptionEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{oid}", ChangeAsync)
            .Accepts<SubscriptionChangeRequest>("application/json")
            .Produces<SubscriptionEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{oid}/cancel", CancelAsync)
            .Accepts<SubscriptionCancelRequest>("application/json")
            .Produces<SubscriptionEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{oid}", DeleteAsync)
            .Produces<SubscriptionEnvelope>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Subscriptions are read back as of now (their current terms), hence one helper per request.</summary>
    private static ResourceWrites<SubscriptionDto, SubscriptionEnvelope> Writes(TimeProvider clock) =>
        new(ImportObjectKind.Subscription, (db, sourceId, oid, ct) => SubscriptionReads.FindAsync(db, sourceId, oid, clock.GetUtcNow(), ct),
            subscription => new SubscriptionEnvelope(subscription));

    private static Task<IResult> CreateAsync(
        [FromRoute(Name = "source_id")] string sourceId, HttpRequest request, DashboardDbContext db, BillingImporter importer, TimeProvider clock,
        CancellationToken cancellationToken) =>
        Writes(clock).UpsertAsync<SubscriptionRequest>(sourceId, request, db, importer, (body, errors) =>
        {
            var oid = OidRules.Resolve(null, body.Oid, errors);
            errors.Required("customer_oid", body.CustomerOid);
            errors.Required("plan_oid", body.PlanOid);
            errors.Required("started_at", body.StartedAt);
            errors.NonNegative("discount", body.Discount);
            return new SubscriptionImport
            {
                Oid = oid,
                CustomerOid = body.CustomerOid,
                PlanOid = body.PlanOid,
                StartedAt = body.StartedAt,
                CanceledAt = body.CanceledAt,
                TrialEnd = body.TrialEnd,
                Quantity = body.Quantity,
                Discount = body.Discount,
                AddOns = AddOns(body.Addons, errors),
            };
        }, cancellationToken);

    private static Task<IResult> ChangeAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, HttpRequest request, DashboardDbContext db, BillingImporter importer,
        TimeProvider clock, CancellationToken cancellationToken) =>
        Writes(clock).UpsertAsync<SubscriptionChangeRequest>(sourceId, request, db, importer, (body, errors) =>
        {
            errors.Required("plan_oid", body.PlanOid);
            errors.Required("occurred_at", body.OccurredAt);
            errors.NonNegative("discount", body.Discount);
            return new SubscriptionChange
            {
                Oid = oid,
                PlanOid = body.PlanOid,
                OccurredAt = body.OccurredAt,
                Quantity = body.Quantity,
                Discount = body.Discount,
                AddOns = AddOns(body.Addons, errors),
            };
        }, cancellationToken);

    private static Task<IResult> CancelAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, HttpRequest request, DashboardDbContext db, BillingImporter importer,
        TimeProvider clock, CancellationToken cancellationToken) =>
        Writes(clock).UpsertAsync<SubscriptionCancelRequest>(sourceId, request, db, importer, (body, errors) =>
        {
            errors.Required("canceled_at", body.CanceledAt);
            return new SubscriptionCancellation { Oid = oid, CanceledAt = body.CanceledAt };
        }, cancellationToken);

    private static Task<IResult> DeleteAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, BillingImporter importer, TimeProvider clock,
        CancellationToken cancellationToken) =>
        Writes(clock).DeleteAsync(sourceId, oid, db, importer, cancellationToken);

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

            errors.NonNegative($"addons[{i}].amount", addOn.Amount);
            result.Add(new AddOnImport { Oid = addOn.Oid, Amount = addOn.Amount, Quantity = addOn.Quantity });
        }

        return result;
    }
}
