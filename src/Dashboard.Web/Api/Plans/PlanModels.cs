using System.Text.Json.Serialization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Plans;

/// <summary>Baremetrics' plan body: amount in minor units of currency every interval_count intervals.</summary>
public sealed record PlanRequest(
    string? Oid, string? Name, string? Currency, long? Amount, string? Interval, int? IntervalCount, int? TrialDuration, string? TrialDurationUnit)
    : IPartialRequest
{
    [JsonIgnore]
    public SentFields Sent { get; set; } = SentFields.None;

    /// <summary>
    /// The import of this body: a field the body did not name keeps <paramref name="stored"/>'s value (null on a create,
    /// so a POST replaces the whole plan). The importer validates the result.
    /// </summary>
    public PlanImport ToImport(string? oid, PlanImport? stored, BillingInterval? interval, BillingInterval? trialUnit) => new()
    {
        Oid = oid,
        Name = Sent.Pick("name", Name, stored?.Name),
        Currency = Sent.Pick("currency", Currency, stored?.Currency),
        Amount = Sent.Pick("amount", Amount, stored?.Amount),
        Interval = Sent.Pick("interval", interval, stored?.Interval),
        IntervalCount = Sent.Pick("interval_count", IntervalCount, stored?.IntervalCount),
        TrialDuration = Sent.Pick("trial_duration", TrialDuration, stored?.TrialDuration),
        TrialDurationUnit = Sent.Pick("trial_duration_unit", trialUnit, stored?.TrialDurationUnit),
        IsMetered = stored?.IsMetered ?? false,
    };
}

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
