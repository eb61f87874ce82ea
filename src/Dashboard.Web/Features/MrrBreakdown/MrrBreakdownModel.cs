using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.MrrBreakdown;

/// <summary>One kind of MRR movement in a period: how many movements and their amount (minor units).</summary>
public sealed record MovementCell(string Kind, long Count, long Amount, string AmountDisplay);

/// <summary>One period of the breakdown. Net new MRR is the sum of the five amounts and equals the change of MRR.</summary>
public sealed record MrrBreakdownRow(DateOnly Date, DateOnly EndDate, string Label, IReadOnlyList<MovementCell> Movements,
    long NetNew, string NetNewDisplay, long MrrAtEnd, string MrrAtEndDisplay);

/// <summary>The MRR breakdown table, built from the engine's series without rendering.</summary>
public sealed record MrrBreakdownModel(string Currency, DateOnly Start, DateOnly End, Interval Interval, IReadOnlyList<MrrBreakdownRow> Rows)
{
    /// <summary>The movement kinds in table order: their amount metric and count metric.</summary>
    public static readonly IReadOnlyList<(string Kind, string Title, string Amount, string Count)> Kinds =
    [
        ("new", "New", "new_mrr", "new_customers"),
        ("expansion", "Expansion", "expansion_mrr", "upgrades"),
        ("contraction", "Contraction", "contraction_mrr", "downgrades"),
        ("churn", "Churn", "churned_mrr", "churned_customers"),
        ("reactivation", "Reactivation", "reactivation_mrr", "reactivations"),
    ];

    /// <summary>Every metric the table needs.</summary>
    public static IEnumerable<string> Metrics => Kinds.SelectMany(k => new[] { k.Amount, k.Count }).Append("net_new_mrr").Append("mrr");

    public static MrrBreakdownModel From(IReadOnlyDictionary<string, MetricSeries> series, string currency, DateOnly start, DateOnly end, Interval interval)
    {
        var points = series["mrr"].Points;
        var rows = new List<MrrBreakdownRow>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var index = i;
            long At(string metric) => (long)(series[metric].Points[index].Value ?? 0);
            var cells = Kinds.Select(k => new MovementCell(k.Kind, At(k.Count), At(k.Amount), MetricValues.Full(At(k.Amount), MetricUnit.Money, currency))).ToList();
            var netNew = At("net_new_mrr");
            var mrr = At("mrr");
            rows.Add(new MrrBreakdownRow(points[i].Date, points[i].EndDate, MetricValues.Label(points[i].Date, interval), cells,
                netNew, MetricValues.Full(netNew, MetricUnit.Money, currency), mrr, MetricValues.Full(mrr, MetricUnit.Money, currency)));
        }

        return new MrrBreakdownModel(currency, start, end, interval, rows);
    }
}
