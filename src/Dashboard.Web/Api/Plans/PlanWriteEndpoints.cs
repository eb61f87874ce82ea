using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Plans;

/// <summary>Plan writes: POST (upsert on oid), PUT /{oid} (upsert of that oid), DELETE /{oid}.</summary>
public static class PlanWriteEndpoints
{
    public static void MapPlanWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/plans").WithTags("Plans").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", ([FromRoute(Name = "source_id")] string sourceId, HttpRequest request, DashboardDbContext db, BillingImporter importer, CancellationToken ct) =>
                UpsertAsync(sourceId, null, request, db, importer, ct))
            .Accepts<PlanRequest>("application/json")
            .Produces<PlanEnvelope>(StatusCodes.Status201Created)
            .Produces<PlanEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{oid}", ([FromRoute(Name = "source_id")] string sourceId, string oid, HttpRequest request, DashboardDbContext db, BillingImporter importer, CancellationToken ct) =>
                UpsertAsync(sourceId, oid, request, db, importer, ct))
            .Accepts<PlanRequest>("application/json")
            .Produces<PlanEnvelope>(StatusCodes.Status201Created)
            .Produces<PlanEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{oid}", DeleteAsync)
            .Produces<PlanEnvelope>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
    }

    private static readonly ResourceWrites<PlanDto, PlanEnvelope> Writes =
        new(ImportObjectKind.Plan, PlanReads.FindAsync, plan => new PlanEnvelope(plan));

    private static Task<IResult> UpsertAsync(
        string sourceId, string? routeOid, HttpRequest request, DashboardDbContext db, BillingImporter importer, CancellationToken cancellationToken) =>
        Writes.UpsertAsync<PlanRequest>(sourceId, request, db, importer, (body, errors) =>
        {
            var oid = OidRules.Resolve(routeOid, body.Oid, errors);
            var interval = errors.Enum<BillingInterval>("interval", body.Interval);
            var trialUnit = errors.Enum<BillingInterval>("trial_duration_unit", body.TrialDurationUnit, required: false);
            errors.NonNegative("amount", body.Amount);
            errors.Currency("currency", body.Currency);
            return new PlanImport
            {
                Oid = oid,
                Name = body.Name,
                Currency = body.Currency,
                Amount = body.Amount,
                Interval = interval,
                IntervalCount = body.IntervalCount,
                TrialDuration = body.TrialDuration,
                TrialDurationUnit = trialUnit,
            };
        }, cancellationToken);

    private static Task<IResult> DeleteAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, BillingImporter importer, CancellationToken cancellationToken) =>
        Writes.DeleteAsync(sourceId, oid, db, importer, cancellationToken);
}
