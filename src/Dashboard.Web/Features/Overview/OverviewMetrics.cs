using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;

namespace Dashboard.Web.Features.Overview;

/// <summary>The Overview's KPI cards (metric API names of metrics.md, in page order) and the MRR chart's movements.</summary>
public static class OverviewMetrics
{
    /// <summary>Each card's metric and whether its growth is good news (churn going up is bad).</summary>
    public static readonly IReadOnlyList<(string Metric, KpiTone UpIs)> Cards =
    [
        ("mrr", KpiTone.Good),
        ("arr", KpiTone.Good),
        ("arpu", KpiTone.Good),
        ("ltv", KpiTone.Good),
        ("active_customers", KpiTone.Good),
        ("customer_churn_rate", KpiTone.Bad),
        ("revenue_churn_rate", KpiTone.Bad),
        ("net_revenue", KpiTone.Good),
        ("quick_ratio", KpiTone.Good),
        ("trial_conversion_rate", KpiTone.Good),
    ];

    /// <summary>The MRR movements the chart stacks: gains above zero, losses (negative amounts) below.</summary>
    public static readonly IReadOnlyList<(string Metric, string Label)> Movements =
    [
        ("new_mrr", "New"),
        ("expansion_mrr", "Expansion"),
        ("reactivation_mrr", "Reactivation"),
        ("contraction_mrr", "Contraction"),
        ("churned_mrr", "Churn"),
    ];

    public const string NetNew = "net_new_mrr";

    /// <summary>Every metric the page queries: one engine query each.</summary>
    public static IEnumerable<string> All => Cards.Select(c => c.Metric).Concat(Movements.Select(m => m.Metric)).Append(NetNew);

    public static bool IsCard(string metric) => Cards.Any(c => c.Metric == metric);

    public static MetricDefinition Definition(string metric) => MetricCatalog.Get(metric);
}
