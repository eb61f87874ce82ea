using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo;

internal enum PlanFamily
{
    Starter,
    Growth,
    Business,
    Team,
    Sprint,
    Usage,
}

internal enum Cycle
{
    Weekly,
    Monthly,
    Quarterly,
    Annual,
}

internal enum AddOnKind
{
    PrioritySupport,
    ExtraStorage,
    SingleSignOn,
}

/// <summary>One price point of the demo business, in USD and GBP minor units (EUR prices equal the USD numbers).</summary>
internal sealed record PlanSpec(string Key, string Name, PlanFamily Family, Cycle Cycle, long Usd, long Gbp, bool PerSeat = false)
{
    public bool Metered => Family == PlanFamily.Usage;

    public BillingInterval Interval => Cycle switch
    {
        Cycle.Weekly => BillingInterval.Week,
        Cycle.Annual => BillingInterval.Year,
        _ => BillingInterval.Month,
    };

    public int IntervalCount => Cycle == Cycle.Quarterly ? 3 : 1;

    /// <summary>Average months in one billing period.</summary>
    public double Months => Cycle switch
    {
        Cycle.Weekly => 7 / 30.436875,
        Cycle.Monthly => 1,
        Cycle.Quarterly => 3,
        _ => 12,
    };

    public long Amount(string currency) => currency == "GBP" ? Gbp : Usd;
}

/// <summary>A catalog plan with the spec it came from.</summary>
internal sealed record DemoPlan(Plan Plan, PlanSpec Spec)
{
    public long Amount => Plan.AmountMinor;

    /// <summary>Start of the billing period <paramref name="k"/> periods after <paramref name="anchor"/>.</summary>
    public DateTimeOffset PeriodStart(DateTimeOffset anchor, int k) => Spec.Cycle switch
    {
        Cycle.Weekly => anchor.AddDays(7.0 * k),
        Cycle.Monthly => anchor.AddMonths(k),
        Cycle.Quarterly => anchor.AddMonths(3 * k),
        _ => anchor.AddYears(k),
    };
}

internal static class DemoPlanCatalog
{
    public static readonly PlanSpec[] Specs =
    [
        new("starter_monthly", "Starter", PlanFamily.Starter, Cycle.Monthly, 2_900, 2_500),
        new("growth_monthly", "Growth", PlanFamily.Growth, Cycle.Monthly, 9_900, 7_900),
        new("business_monthly", "Business", PlanFamily.Business, Cycle.Monthly, 29_900, 24_900),
        new("team_monthly", "Team (per seat)", PlanFamily.Team, Cycle.Monthly, 1_200, 1_000, PerSeat: true),
        new("starter_annual", "Starter (annual)", PlanFamily.Starter, Cycle.Annual, 29_000, 25_000),
        new("growth_annual", "Growth (annual)", PlanFamily.Growth, Cycle.Annual, 99_000, 79_000),
        new("business_annual", "Business (annual)", PlanFamily.Business, Cycle.Annual, 299_000, 249_000),
        new("team_annual", "Team (per seat, annual)", PlanFamily.Team, Cycle.Annual, 12_000, 10_000, PerSeat: true),
        new("growth_quarterly", "Growth (quarterly)", PlanFamily.Growth, Cycle.Quarterly, 27_900, 22_500),
        new("sprint_weekly", "Sprint pass (weekly)", PlanFamily.Sprint, Cycle.Weekly, 900, 800),
        new("api_usage", "API usage (metered)", PlanFamily.Usage, Cycle.Monthly, 0, 0),
    ];

    /// <summary>How new subscriptions are spread over the price list.</summary>
    public static readonly (string Item, double Weight)[] SignupMix =
    [
        ("starter_monthly", 28), ("growth_monthly", 21), ("business_monthly", 6), ("team_monthly", 12),
        ("starter_annual", 5), ("growth_annual", 6), ("business_annual", 2.5), ("team_annual", 2.5),
        ("growth_quarterly", 5), ("sprint_weekly", 12),
    ];

    /// <summary>Add-on price per month in USD minor units; a period costs this times the period's months (a year: 10).</summary>
    public static long AddOnMonthlyUsd(AddOnKind kind) => kind switch
    {
        AddOnKind.PrioritySupport => 4_900,
        AddOnKind.ExtraStorage => 1_000,
        _ => 9_900,
    };

    public static string AddOnCode(AddOnKind kind) => kind switch
    {
        AddOnKind.PrioritySupport => "priority_support",
        AddOnKind.ExtraStorage => "extra_storage_100gb",
        _ => "sso",
    };

    /// <summary>Converts a USD list price to the customer's currency (EUR keeps the number, GBP is about 0.8 of it).</summary>
    public static long Localize(long usdMinor, string currency) =>
        currency == "GBP" ? (long)Math.Round(usdMinor * 0.8m / 100m, MidpointRounding.AwayFromZero) * 100 : usdMinor;
}
