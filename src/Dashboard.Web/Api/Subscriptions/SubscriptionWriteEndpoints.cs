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

    private static async Task<IResult> CreateAsync(
        [FromRoute(Name = "source_id")] string sourceId, HttpRequest request, DashboardDbContext db, BillingImporter importer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var (body, bodyProblem) = await ApiBody.ReadAsync<SubscriptionRequest>(request, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var errors = new FieldErrors();
        var oid = OidRules.Resolve(null, body.Oid, errors);
        errors.Required("customer_oid", body.CustomerOid);
        errors.Required("plan_oid", body.PlanOid);
        errors.Required("started_at", body.StartedAt);
        errors.NonNegative("discount", body.Discount);
        var addOns = AddOns(body.Addons, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var operation = new SubscriptionImport
        {
            Oid = oid,
            CustomerOid = body.CustomerOid,
            PlanOid = body.PlanOid,
            StartedAt = body.StartedAt,
            CanceledAt = body.CanceledAt,
            TrialEnd = body.TrialEnd,
            Quantity = body.Quantity,
            Discount = body.Discount,
            AddOns = addOns,
        };
        return await RunAsync(importer, db, source.Id, operation, clock, cancellationToken);
    }

    private static async Task<IResult> ChangeAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, HttpRequest request, DashboardDbContext db, BillingImporter importer,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var (body, bodyProblem) = await ApiBody.ReadAsync<SubscriptionChangeRequest>(request, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var errors = new FieldErrors();
        errors.Required("plan_oid", body.PlanOid);
        errors.Required("occurred_at", body.OccurredAt);
        errors.NonNegative("discount", body.Discount);
        var addOns = AddOns(body.Addons, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var operation = new SubscriptionChange
        {
            Oid = oid,
            PlanOid = body.PlanOid,
            OccurredAt = body.OccurredAt,
            Quantity = body.Quantity,
            Discount = body.Discount,
            AddOns = addOns,
        };
        return await RunAsync(importer, db, source.Id, operation, clock, cancellationToken);
    }

    private static async Task<IResult> CancelAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, HttpRequest request, DashboardDbContext db, BillingImporter importer,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var (body, bodyProblem) = await ApiBody.ReadAsync<SubscriptionCancelRequest>(request, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var errors = new FieldErrors();
        errors.Required("canceled_at", body.CanceledAt);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var operation = new SubscriptionCancellation { Oid = oid, CanceledAt = body.CanceledAt };
        return await RunAsync(importer, db, source.Id, operation, clock, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, BillingImporter importer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var subscription = await SubscriptionReads.FindAsync(db, source.Id, oid, clock.GetUtcNow(), cancellationToken);
        if (subscription is null)
        {
            return ApiProblems.NotFound("oid", $"no subscription '{oid}' in source {source.Id}");
        }

        var (item, importProblem) = await ImportCall.RunAsync(
            importer, source.Id, new Deletion { Target = ImportObjectKind.Subscription, Oid = oid }, cancellationToken);
        return item is null ? importProblem! : ApiJson.Ok(new SubscriptionEnvelope(subscription));
    }

    private static async Task<IResult> RunAsync(
        BillingImporter importer, DashboardDbContext db, long sourceId, ImportOperation operation, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (item, importProblem) = await ImportCall.RunAsync(importer, sourceId, operation, cancellationToken);
        if (item is null)
        {
            return importProblem!;
        }

        var subscription = await SubscriptionReads.FindAsync(db, sourceId, item.Oid, clock.GetUtcNow(), cancellationToken);
        return ImportCall.Written(item, new SubscriptionEnvelope(subscription!));
    }

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
