namespace Dashboard.Core.Metrics;

/// <summary>money: integer reporting minor units; count: integer; percent: 5.9 means 5.9 %; ratio: plain number.</summary>
public enum MetricUnit
{
    Money,
    Count,
    Percent,
    Ratio,
}

/// <summary>Stock: value at the end of the bucket. Flow: sum over the bucket. Window: a rate over the bucket's window.</summary>
public enum MetricKind
{
    Stock,
    Flow,
    Window,
}

/// <summary>
/// A metric of docs/metrics.md. Its value is <c>Finish(Numerator)</c>: the numerator is a sum over customers (so a
/// drill-down lists each customer's share of it), the finish divides by denominators read from the totals. When
/// <see cref="MrrAmounts"/> is set the numerator is exact MRR in <see cref="Money.MrrUnits"/>; a money value is
/// converted to minor units after the finish, and <see cref="Round"/> rounds it once.
/// </summary>
public sealed class MetricDefinition
{
    internal MetricDefinition(string name, string title, MetricUnit unit, MetricKind kind, WalkParts parts, string description,
        Func<IDayReader, MetricWindow, decimal> numerator, Func<decimal, IDayReader, MetricWindow, decimal?>? finish = null)
    {
        Name = name;
        Title = title;
        Unit = unit;
        Kind = kind;
        Parts = parts;
        Description = description;
        Numerator = numerator;
        Finish = finish ?? ((n, _, _) => n);
    }

    /// <summary>The API name, e.g. <c>net_new_mrr</c>.</summary>
    public string Name { get; }

    public string Title { get; }

    public MetricUnit Unit { get; }

    public MetricKind Kind { get; }

    /// <summary>What the metric means, in plain words for the UI.</summary>
    public string Description { get; }

    /// <summary>True when the value is the numerator itself (sums and counts), so drill-down rows add up to the value.</summary>
    public bool IsSum => Kind != MetricKind.Window && Name is not ("arpu" or "ltv" or "nrr" or "grr");

    internal WalkParts Parts { get; }

    /// <summary>The numerator is an amount of MRR in <see cref="Money.MrrUnits"/> (MRR and movement series), not minor units or a count.</summary>
    internal bool MrrAmounts { get; init; }

    /// <summary>
    /// The daily totals answer windows of at most <see cref="SeriesInfo.MaxWindowDays"/> days (churn counted from the
    /// window's start); a longer window, e.g. a whole range of two years, is summed customer by customer.
    /// </summary>
    internal bool LongWindowsPerCustomer { get; init; }

    internal Func<IDayReader, MetricWindow, decimal> Numerator { get; }

    internal Func<decimal, IDayReader, MetricWindow, decimal?> Finish { get; }

    internal decimal? Evaluate(IDayReader totals, MetricWindow window) => Value(Numerator(totals, window), totals, window);

    /// <summary>The exact (unrounded) value for a numerator: money in minor units, percent, ratio or count.</summary>
    internal decimal? Value(decimal numerator, IDayReader totals, MetricWindow window)
    {
        var value = Finish(numerator, totals, window);
        return MrrAmounts && Unit == MetricUnit.Money && value is { } v ? v / Money.MrrUnits.PerMinor : value;
    }

    /// <summary>A numerator (or a customer's share of it) for output: MRR amounts rounded once to a minor unit, counts and cash as they are.</summary>
    internal decimal NumeratorForOutput(decimal numerator) => MrrAmounts ? Money.MrrUnits.RoundToMinor((Int128)numerator) : numerator;

    /// <summary>Rounds an exact value for output: money to whole minor units, percent and ratio to 4 decimals (half away from zero).</summary>
    public decimal? Round(decimal? value) => value is not { } v
        ? null
        : Unit switch
        {
            MetricUnit.Money or MetricUnit.Count => Math.Round(v, 0, MidpointRounding.AwayFromZero),
            _ => Math.Round(v, 4, MidpointRounding.AwayFromZero),
        };
}
