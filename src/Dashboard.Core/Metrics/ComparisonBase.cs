using static Dashboard.Core.Metrics.SeriesId;

namespace Dashboard.Core.Metrics;

/// <summary>
/// What a figure's change against the previous period rests on (docs/ui.md, "Headline numbers"): the previous
/// period's window and, for it and for the current one, the base the figure is measured against. For a rate that is its
/// denominator (customers or MRR at the window's start, new trials, MRR lost); for a stock or a flow, the figure itself.
/// </summary>
/// <param name="PreviousStart">The first day of the previous period's window.</param>
/// <param name="PreviousEnd">The last day of the previous period's window.</param>
/// <param name="Previous">The previous period's base, as a positive amount: money in minor units or a count.</param>
/// <param name="Current">The current period's base, the same way.</param>
/// <param name="Unit">Money or count.</param>
/// <param name="Name">What the base is, to name in a sentence ("number of paying customers at its start"); null when it is the figure itself.</param>
public sealed record ComparisonBase(DateOnly PreviousStart, DateOnly PreviousEnd, decimal Previous, decimal Current, MetricUnit Unit, string? Name);

/// <summary>Each metric's base for a comparison (see <see cref="ComparisonBase"/>), read from the daily totals.</summary>
internal static class ComparisonBases
{
    private sealed record Rule(MetricUnit Unit, string Name, Func<IDayReader, MetricWindow, decimal> Of);

    private static readonly Dictionary<string, Rule> Rates = new(StringComparer.Ordinal)
    {
        ["customer_churn_rate"] = new(MetricUnit.Count, "number of paying customers at its start", (t, w) => t.Stock(ActiveCustomers, w.WindowStart - 1)),
        ["revenue_churn_rate"] = MrrAtStart,
        ["net_mrr_churn_rate"] = MrrAtStart,
        ["mrr_growth_rate"] = MrrAtStart,
        ["quick_ratio"] = new(MetricUnit.Money, "MRR lost (churned and contraction)",
            (t, w) => Minor(-(t.Flow(ChurnedMrr, w.WindowStart, w.End) + t.Flow(ContractionMrr, w.WindowStart, w.End)))),
        ["asp"] = new(MetricUnit.Count, "number of new customers", (t, w) => t.Flow(NewCustomers, w.WindowStart, w.End)),
        ["trial_conversion_rate"] = new(MetricUnit.Count, "number of new trials", (t, w) => t.Flow(NewTrials, w.WindowStart, w.End)),
        ["arpu"] = CustomersAtEnd,
        ["ltv"] = CustomersAtEnd,
        ["nrr"] = MrrYearBefore,
        ["grr"] = MrrYearBefore,
    };

    private static Rule MrrAtStart => new(MetricUnit.Money, "MRR at its start", (t, w) => Minor(t.Stock(Mrr, w.WindowStart - 1)));

    private static Rule CustomersAtEnd => new(MetricUnit.Count, "number of paying customers at its end", (t, w) => t.Stock(ActiveCustomers, w.End));

    private static Rule MrrYearBefore => new(MetricUnit.Money, "MRR a year before its end", (t, w) => Minor(t.Stock(Mrr, w.End - 365)));

    /// <summary>The base of <paramref name="metric"/> for <paramref name="current"/> and the bucket <paramref name="days"/> earlier.</summary>
    /// <param name="value">The metric's exact value for a window, used when the base is the figure itself.</param>
    internal static ComparisonBase For(MetricDefinition metric, IDayReader totals, Bucket current, int days, Func<Bucket, decimal?> value)
    {
        var previous = current.Shift(days);

        // Only a window metric's figure reaches back over its trailing window; a daily stock or flow covers its own day.
        var previousStart = metric.Kind == MetricKind.Window ? previous.WindowStart : previous.Start;
        if (Rates.TryGetValue(metric.Name, out var rule))
        {
            return new ComparisonBase(previousStart, previous.End,
                Math.Abs(rule.Of(totals, previous.Window)), Math.Abs(rule.Of(totals, current.Window)), rule.Unit, rule.Name);
        }

        return new ComparisonBase(previousStart, previous.End,
            Math.Abs(value(previous) ?? 0), Math.Abs(value(current) ?? 0), metric.Unit, null);
    }

    private static decimal Minor(decimal mrrUnits) => Money.MrrUnits.RoundToMinor((Int128)mrrUnits);
}

/// <summary>The bases of a comparing query: the whole range's and each bucket's.</summary>
public sealed record ComparisonBaseSet(ComparisonBase WholeRange, IReadOnlyList<ComparisonBase> Points);
