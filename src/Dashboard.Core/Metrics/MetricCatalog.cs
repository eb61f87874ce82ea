using static Dashboard.Core.Metrics.SeriesId;

namespace Dashboard.Core.Metrics;

/// <summary>Every metric of docs/metrics.md with its API name, unit, kind and formula.</summary>
public static class MetricCatalog
{
    private const int LtvChurnDays = 180;

    private static readonly Dictionary<string, MetricDefinition> ByName;

    static MetricCatalog()
    {
        All = Create();
        ByName = All.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
    }

    public static IReadOnlyList<MetricDefinition> All { get; }

    /// <summary>The metric of that API name or Baremetrics slug (<see cref="BaremetricsSlugs"/>).</summary>
    public static bool TryGet(string name, out MetricDefinition metric) =>
        ByName.TryGetValue(name.Trim(), out metric!) || (BaremetricsSlugs.Resolve(name) is { } ours && ByName.TryGetValue(ours, out metric!));

    /// <summary>The metric named <paramref name="name"/>, or a <see cref="MetricQueryException"/> listing the known names.</summary>
    public static MetricDefinition Get(string name) =>
        TryGet(name ?? string.Empty, out var metric)
            ? metric
            : throw new MetricQueryException("metric", $"Unknown metric '{name}'. Known metrics: {string.Join(", ", All.Select(m => m.Name))}.");

    private static List<MetricDefinition> Create()
    {
        const WalkParts mrr = WalkParts.Mrr, subs = WalkParts.Subscriptions, cash = WalkParts.Cash;
        const MetricUnit money = MetricUnit.Money, count = MetricUnit.Count, percent = MetricUnit.Percent, ratio = MetricUnit.Ratio;
        const MetricKind stock = MetricKind.Stock, flow = MetricKind.Flow, window = MetricKind.Window;

        return
        [
            new("mrr", "MRR", money, stock, mrr, "Monthly recurring revenue at the end of the period: the sum of every paying customer's normalized monthly subscription amount.",
                (r, w) => r.Stock(Mrr, w.End)) { MrrAmounts = true },
            new("arr", "ARR", money, stock, mrr, "Annual run rate: 12 times MRR at the end of the period.",
                (r, w) => 12m * r.Stock(Mrr, w.End)) { MrrAmounts = true },
            new("active_customers", "Active customers", count, stock, mrr, "Customers paying (MRR above zero) at the end of the period.",
                (r, w) => r.Stock(ActiveCustomers, w.End)),
            new("active_subscriptions", "Active subscriptions", count, stock, subs, "Subscriptions with MRR above zero at the end of the period.",
                (r, w) => r.Stock(ActiveSubscriptions, w.End)),
            new("arpu", "ARPU", money, stock, mrr, "Average revenue per user: MRR divided by active customers at the end of the period.",
                (r, w) => r.Stock(Mrr, w.End), (n, t, w) => Divide(n, t.Stock(ActiveCustomers, w.End))) { MrrAmounts = true },
            new("active_trials", "Active trials", count, stock, subs, "Subscriptions in their free trial at the end of the period.",
                (r, w) => r.Stock(ActiveTrials, w.End)),
            new("discounts_mrr", "Discounts", money, stock, mrr, "MRR given up to discounts by paying subscriptions at the end of the period (list price MRR minus MRR).",
                (r, w) => r.Stock(Discounts, w.End)) { MrrAmounts = true },
            new("add_on_mrr", "Add-on MRR", money, stock, mrr, "MRR from subscription add-ons at the end of the period: the add-ons' normalized monthly amount (before discounts) of paying subscriptions.",
                (r, w) => r.Stock(AddOnMrr, w.End)) { MrrAmounts = true },
            new("ltv", "LTV", money, stock, mrr, "Customer lifetime value: ARPU divided by the monthly customer churn rate, derived from the churn of the 180 days ending that day.",
                (r, w) => r.Stock(Mrr, w.End), Ltv) { MrrAmounts = true },
            new("nrr", "Net revenue retention", percent, stock, mrr | WalkParts.Retention, "Of the customers paying 12 months earlier: their MRR now as a percentage of their MRR then (expansion counts, new customers do not).",
                (r, w) => r.Stock(NrrNumerator, w.End), (n, t, w) => Percent(n, t.Stock(Mrr, w.End - 365))) { MrrAmounts = true },
            new("grr", "Gross revenue retention", percent, stock, mrr | WalkParts.Retention, "Like net revenue retention, but each customer's MRR now is capped at its MRR then, so expansion cannot hide churn.",
                (r, w) => r.Stock(GrrNumerator, w.End), (n, t, w) => Percent(n, t.Stock(Mrr, w.End - 365))) { MrrAmounts = true },

            new("new_mrr", "New MRR", money, flow, mrr, "MRR from customers who started paying for the first time.", (r, w) => r.Flow(NewMrr, w.Start, w.End)) { MrrAmounts = true },
            new("expansion_mrr", "Expansion MRR", money, flow, mrr, "MRR added by paying customers who upgraded (more seats, add-ons, a dearer plan).", (r, w) => r.Flow(ExpansionMrr, w.Start, w.End)) { MrrAmounts = true },
            new("contraction_mrr", "Contraction MRR", money, flow, mrr, "MRR lost (negative) by paying customers who downgraded but still pay.", (r, w) => r.Flow(ContractionMrr, w.Start, w.End)) { MrrAmounts = true },
            new("churned_mrr", "Churned MRR", money, flow, mrr, "MRR lost (negative) from customers who stopped paying.", (r, w) => r.Flow(ChurnedMrr, w.Start, w.End)) { MrrAmounts = true },
            new("reactivation_mrr", "Reactivation MRR", money, flow, mrr, "MRR from former customers who started paying again.", (r, w) => r.Flow(ReactivationMrr, w.Start, w.End)) { MrrAmounts = true },
            new("net_new_mrr", "Net new MRR", money, flow, mrr, "New + expansion + reactivation + contraction + churned MRR: the change of MRR over the period.", NetNew) { MrrAmounts = true },
            new("new_customers", "New customers", count, flow, mrr, "Customers who started paying for the first time.", (r, w) => r.Flow(NewCustomers, w.Start, w.End)),
            new("reactivations", "Reactivations", count, flow, mrr, "Former customers who started paying again.", (r, w) => r.Flow(Reactivations, w.Start, w.End)),
            new("churned_customers", "Churned customers", count, flow, mrr, "Customers who stopped paying.", (r, w) => r.Flow(ChurnedCustomers, w.Start, w.End)),
            new("upgrades", "Upgrades", count, flow, mrr, "Expansion movements: days on which a paying customer's MRR went up.", (r, w) => r.Flow(Upgrades, w.Start, w.End)),
            new("downgrades", "Downgrades", count, flow, mrr, "Contraction movements: days on which a paying customer's MRR went down but stayed above zero.", (r, w) => r.Flow(Downgrades, w.Start, w.End)),
            new("new_subscriptions", "New subscriptions", count, flow, subs, "Subscriptions whose MRR went above zero for the first time.", (r, w) => r.Flow(NewSubscriptions, w.Start, w.End)),
            new("churned_subscriptions", "Churned subscriptions", count, flow, subs, "Subscriptions whose MRR dropped to zero.", (r, w) => r.Flow(ChurnedSubscriptions, w.Start, w.End)),
            new("new_trials", "New trials", count, flow, subs, "Subscriptions that started with a free trial, counted on their start day.", (r, w) => r.Flow(NewTrials, w.Start, w.End)),
            new("trial_conversions", "Trial conversions", count, flow, subs, "Trials whose subscription was still running when the trial ended, counted on that day.", (r, w) => r.Flow(TrialConversions, w.Start, w.End)),
            new("gross_revenue", "Gross revenue", money, flow, cash, "Paid charges, by charge day.", (r, w) => r.Flow(GrossRevenue, w.Start, w.End)),
            new("refunds", "Refunds", money, flow, cash, "Refunded amounts, by refund day.", (r, w) => r.Flow(Refunds, w.Start, w.End)),
            new("disputes", "Disputes", money, flow, cash, "Amounts of disputes (chargebacks) lost, by the day they were lost.", (r, w) => r.Flow(Disputes, w.Start, w.End)),
            new("net_revenue", "Net revenue", money, flow, cash, "Gross revenue minus refunds and lost disputes.",
                (r, w) => r.Flow(GrossRevenue, w.Start, w.End) - r.Flow(Refunds, w.Start, w.End) - r.Flow(Disputes, w.Start, w.End)),
            new("fees", "Fees", money, flow, cash, "Payment processor fees of paid charges.", (r, w) => r.Flow(Fees, w.Start, w.End)),
            new("other_revenue", "Other revenue", money, flow, cash, "Paid one-time charges (not subscriptions or usage).", (r, w) => r.Flow(OtherRevenue, w.Start, w.End)),
            new("usage_revenue", "Usage revenue", money, flow, cash, "Paid metered (usage-based) charges.", (r, w) => r.Flow(UsageRevenue, w.Start, w.End)),
            new("failed_charges", "Failed charges", count, flow, cash, "Charges that failed.", (r, w) => r.Flow(FailedCharges, w.Start, w.End)),
            new("failed_charge_amount", "Failed charge amount", money, flow, cash, "The amount of the charges that failed.", (r, w) => r.Flow(FailedChargeAmount, w.Start, w.End)),

            new("customer_churn_rate", "Customer churn rate", percent, window, mrr, "Of the customers paying at the start of the period, the percentage who churned during it (even if they came back).",
                (r, w) => r.ChurnedFromStart(w.WindowStart, w.End), (n, t, w) => Percent(n, t.Stock(ActiveCustomers, w.WindowStart - 1))) { LongWindowsPerCustomer = true },
            new("revenue_churn_rate", "Revenue churn rate", percent, window, mrr, "Churned plus contraction MRR of the period as a percentage of MRR at its start.",
                (r, w) => Lost(r, w), (n, t, w) => Percent(n, t.Stock(Mrr, w.WindowStart - 1))) { MrrAmounts = true },
            new("net_mrr_churn_rate", "Net MRR churn rate", percent, window, mrr, "Churned and contraction MRR minus expansion and reactivation MRR, as a percentage of MRR at the start (negative when growth from existing customers outweighs losses).",
                (r, w) => Lost(r, w) - r.Flow(ExpansionMrr, w.WindowStart, w.End) - r.Flow(ReactivationMrr, w.WindowStart, w.End),
                (n, t, w) => Percent(n, t.Stock(Mrr, w.WindowStart - 1))) { MrrAmounts = true },
            new("mrr_growth_rate", "MRR growth rate", percent, window, mrr, "How much MRR grew over the period, as a percentage of MRR at its start.",
                (r, w) => r.Stock(Mrr, w.End) - r.Stock(Mrr, w.WindowStart - 1), (n, t, w) => Percent(n, t.Stock(Mrr, w.WindowStart - 1))) { MrrAmounts = true },
            new("quick_ratio", "Quick ratio", ratio, window, mrr, "MRR gained (new + expansion + reactivation) divided by MRR lost (churned + contraction).",
                (r, w) => r.Flow(NewMrr, w.WindowStart, w.End) + r.Flow(ExpansionMrr, w.WindowStart, w.End) + r.Flow(ReactivationMrr, w.WindowStart, w.End),
                (n, t, w) => Divide(n, Lost(t, w))) { MrrAmounts = true },
            new("asp", "Average sale price", money, window, mrr, "New MRR divided by new customers: what a new customer starts paying per month on average.",
                (r, w) => r.Flow(NewMrr, w.WindowStart, w.End), (n, t, w) => Divide(n, t.Flow(NewCustomers, w.WindowStart, w.End))) { MrrAmounts = true },
            new("trial_conversion_rate", "Trial conversion rate", percent, window, subs, "Trial conversions as a percentage of new trials in the period.",
                (r, w) => r.Flow(TrialConversions, w.WindowStart, w.End), (n, t, w) => Percent(n, t.Flow(NewTrials, w.WindowStart, w.End))),
        ];
    }

    private static decimal NetNew(IDayReader r, MetricWindow w) =>
        r.Flow(NewMrr, w.Start, w.End) + r.Flow(ExpansionMrr, w.Start, w.End) + r.Flow(ReactivationMrr, w.Start, w.End) +
        r.Flow(ContractionMrr, w.Start, w.End) + r.Flow(ChurnedMrr, w.Start, w.End);

    /// <summary>Churned plus contraction MRR of the window, as a positive amount.</summary>
    private static decimal Lost(IDayReader r, MetricWindow w) =>
        -(r.Flow(ChurnedMrr, w.WindowStart, w.End) + r.Flow(ContractionMrr, w.WindowStart, w.End));

    private static decimal? Divide(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;

    private static decimal? Percent(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator * 100m / denominator;

    /// <summary>ARPU / m with m = 1 - (1 - f)^(30/180), f = churn of the 180 days ending that day among customers active at their start.</summary>
    private static decimal? Ltv(decimal mrr, IDayReader totals, MetricWindow w)
    {
        var arpu = Divide(mrr, totals.Stock(ActiveCustomers, w.End));
        var activeAtStart = totals.Stock(ActiveCustomers, w.End - LtvChurnDays);
        if (arpu is null || activeAtStart == 0)
        {
            return null;
        }

        var f = (double)totals.ChurnedFromStart(w.End - LtvChurnDays + 1, w.End) / (double)activeAtStart;
        var m = 1 - Math.Pow(1 - f, 30.0 / LtvChurnDays);
        return m <= 0 ? null : arpu.Value / (decimal)m;
    }
}
