using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;

namespace Dashboard.Web.Api.Plans;

/// <summary>Plan writes: POST (upsert on oid), PUT /{oid} (changes only the fields it is sent), DELETE /{oid}.</summary>
public static class PlanWriteEndpoints
{
    public static void MapPlanWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/plans").WithTags("Plans").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", ([AsParameters] SourceWriteRequest request) => Writes.UpsertAsync(request, Map(null, request)))
            .AcceptsBody<PlanRequest>();
        group.MapPut("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes.UpsertAsync(request, Map(oid, request)))
            .AcceptsBody<PlanRequest>();
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes.DeleteAsync(oid, request));
    }

    private static readonly ResourceWrites<PlanDto, PlanEnvelope> Writes =
        new(ImportObjectKind.Plan, PlanReads.FindAsync, plan => new PlanEnvelope(plan));

    /// <summary>POST replaces the plan; PUT changes only the fields it names. Values are checked by the importer.</summary>
    private static Func<PlanRequest, FieldErrors, long, CancellationToken, Task<ImportOperation>> Map(string? routeOid, SourceWriteRequest request) =>
        async (body, errors, source, ct) =>
        {
            var oid = OidRules.Resolve(routeOid, body.Oid, errors);
            var interval = errors.Enum<BillingInterval>("interval", body.Interval, required: false);
            var trialUnit = errors.Enum<BillingInterval>("trial_duration_unit", body.TrialDurationUnit, required: false);
            var stored = routeOid is null ? null : await PlanReads.FindStoredAsync(request.Db, source, routeOid, ct);
            return body.ToImport(oid, stored, interval, trialUnit);
        };
}
