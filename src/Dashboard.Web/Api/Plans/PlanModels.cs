using Dashboard.Core.Billing;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Plans;

/// <summary>Baremetrics' plan body: amount in minor units of currency every interval_count intervals.</summary>
public sealed record PlanRequest(
    string? Oid, string? Name, string? Currency, long? Amount, string? Interval, int? IntervalCount, int? TrialDuration, string? TrialDurationUnit);

public sealed record PlanAmount(string Currency, long Amount);

public sealed record PlanDto(
    string Oid, long SourceId, string Name, string Currency, long Amount, IReadOnlyList<PlanAmount> Amounts, string Interval, int IntervalCount,
    int? TrialDuration, string? TrialDurationUnit)
{
    public static PlanDto From(Plan plan) =>
        new(plan.ExternalId, plan.SourceId, plan.Name, plan.Currency, plan.AmountMinor, [new PlanAmount(plan.Currency, plan.AmountMinor)],
            ApiEnums.Name(plan.Interval), plan.IntervalCount, plan.TrialDuration,
            plan.TrialDurationUnit is { } unit ? ApiEnums.Name(unit) : null);
}

public sealed record PlanEnvelope(PlanDto Plan);

public sealed record PlanList(IReadOnlyList<PlanDto> Plans, PaginationMeta Meta);
