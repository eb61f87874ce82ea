namespace Dashboard.Core.Metrics;

/// <summary>
/// Baremetrics' metric slugs and the metric of docs/metrics.md each one names. Slugs that are spelled like ours
/// (<c>mrr</c>, <c>arr</c>, <c>arpu</c>, <c>ltv</c>, <c>upgrades</c>, ...) need no entry.
/// </summary>
public static class BaremetricsSlugs
{
    /// <summary>The slugs of Baremetrics' summary, in its order; each one resolves to one of our metrics.</summary>
    public static IReadOnlyList<string> Summary { get; } =
    [
        "active_customers", "active_subscriptions", "add_on_mrr", "arpu", "arr", "cancellations", "coupons", "downgrades", "failed_charges",
        "fees", "ltv", "mrr", "net_revenue", "new_customers", "other_revenue", "reactivated_customers", "refunds", "revenue_churn",
        "trial_conversions", "upgrades", "user_churn",
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["user_churn"] = "customer_churn_rate",
        ["revenue_churn"] = "revenue_churn_rate",
        ["cancellations"] = "churned_customers",
        ["reactivated_customers"] = "reactivations",
        ["coupons"] = "discounts_mrr",
    };

    /// <summary>Our metric name for a Baremetrics slug that differs from it, else null.</summary>
    public static string? Resolve(string slug) => Aliases.GetValueOrDefault(slug.Trim());

    /// <summary>The Baremetrics slug for our metric name where the two differ, else the name itself.</summary>
    public static string SlugOf(string metricName) =>
        Aliases.FirstOrDefault(a => string.Equals(a.Value, metricName, StringComparison.OrdinalIgnoreCase)).Key ?? metricName;
}
