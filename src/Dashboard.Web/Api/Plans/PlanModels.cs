using System.Text.Json.Serialization;
using Dashboard.Core.Billing;
using Dashboard.Core.Money;
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

/// <summary>One price of a plan as Baremetrics shows it: amount in minor units, the currency's symbol written before it.</summary>
public sealed record PlanAmount(string Currency, string Symbol, bool SymbolRight, long Amount)
{
    public static PlanAmount Of(string currency, long amount) => new(currency, MoneyFormat.Symbol(currency).Trim(), false, amount);
}

/// <summary>
/// A plan in Baremetrics' shape (<c>source_id</c> a string, <c>source</c> the provider, <c>amounts</c>). <c>active</c>
/// is always true and <c>setup_fees</c> 0: we store neither archived plans nor setup fees; <c>created</c> is null
/// (not stored). <c>currency</c> and <c>amount</c> repeat the single price at the top level.
/// </summary>
public sealed record PlanDto(
    string Oid, string SourceId, string Source, string Name, string Interval, int IntervalCount, int? TrialDuration, string? TrialDurationUnit,
    DateTimeOffset? Created, bool Active, long SetupFees, IReadOnlyList<PlanAmount> Amounts, string Currency, long Amount)
{
    public static PlanDto From(Plan plan, SourceProvider provider) =>
        new(plan.ExternalId, ApiSources.Id(plan.SourceId), ApiSources.Provider(provider), plan.Name, ApiEnums.Name(plan.Interval), plan.IntervalCount,
            plan.TrialDuration, plan.TrialDurationUnit is { } unit ? ApiEnums.Name(unit) : null, null, true, 0,
            [PlanAmount.Of(plan.Currency, plan.AmountMinor)], plan.Currency, plan.AmountMinor);
}

public sealed record PlanEnvelope(PlanDto Plan);

public sealed record PlanList(IReadOnlyList<PlanDto> Plans, PaginationMeta Meta);
