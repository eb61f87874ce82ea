namespace Dashboard.Core.Exports;

/// <summary>
/// The main KPIs a digest reports when it names no metrics: where MRR stands and how it moved (net new, new,
/// expansion, churned), how many customers pay, how many of them left, and what one pays on average.
/// </summary>
public static class DigestKpis
{
    public static IReadOnlyList<string> Default { get; } =
        ["mrr", "net_new_mrr", "new_mrr", "expansion_mrr", "churned_mrr", "active_customers", "customer_churn_rate", "arpu"];
}
