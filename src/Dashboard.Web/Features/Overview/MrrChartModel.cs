using Dashboard.Web.Components.Controls;
using System.Globalization;
using Dashboard.Core.Money;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Overview;

/// <summary>One MRR movement of a bucket (money in minor units; contraction and churn are negative).</summary>
public sealed record MovementBar(string Metric, string Label, long Minor, double Top, double Height);

/// <summary>One bucket of the MRR chart: MRR at its end, its movements and their sum (net new MRR).</summary>
public sealed record MrrBucket(
    DateOnly Date,
    string Label,
    long MrrMinor,
    long NetNewMinor,
    IReadOnlyList<MovementBar> Movements,
    double X,
    double Width,
    double MrrY)
{
    /// <summary>The movements' sum, which the engine's net new MRR equals.</summary>
    public long MovementsSum => Movements.Sum(m => m.Minor);

    /// <summary>The short name under the chart ("Dec 2025", "Dec 1–7"); <see cref="Label"/> is the full one.</summary>
    public string AxisLabel { get; init; } = Label;

    /// <summary>Where net new MRR sits on the movements' (left) axis.</summary>
    public double NetNewY { get; init; }
}

/// <summary>An axis label and its position (0 at the top, <see cref="MrrChartModel.Size"/> at the bottom).</summary>
public sealed record AxisTick(string Label, double Y);

/// <summary>
/// The MRR chart: per bucket, the movements stacked as bars (gains up from zero, losses down) on the left axis, and MRR
/// at the bucket's end as a line on the right axis. Geometry is in a square <see cref="Size"/> box that the SVG
/// stretches, so it is computed (and tested) here rather than in the browser.
/// </summary>
public sealed record MrrChartModel(string Currency, IReadOnlyList<MrrBucket> Buckets, IReadOnlyList<AxisTick> MovementTicks,
    IReadOnlyList<AxisTick> MrrTicks, double ZeroY)
{
    public const double Size = 1000;

    /// <summary>The latest bucket's MRR, in minor units (the data-value of the chart).</summary>
    public string Value => Buckets.Count == 0 ? string.Empty : Buckets[^1].MrrMinor.ToString(CultureInfo.InvariantCulture);

    /// <summary>"2026-10-01=7000;2026-11-01=6000": MRR per bucket, for scripts and tests.</summary>
    public string Series => string.Join(';', Buckets.Select(b => MetricViewState.Day(b.Date) + "=" + b.MrrMinor.ToString(CultureInfo.InvariantCulture)));

    /// <summary>"2026-10-01=-1000;…": net new MRR per bucket.</summary>
    public string NetNewSeries => string.Join(';', Buckets.Select(b => MetricViewState.Day(b.Date) + "=" + b.NetNewMinor.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The polyline of MRR through the buckets' centres.</summary>
    public string MrrLine => string.Join(' ', Buckets.Select(b =>
        (b.X + b.Width / 2).ToString("0.##", CultureInfo.InvariantCulture) + "," + b.MrrY.ToString("0.##", CultureInfo.InvariantCulture)));

    /// <summary>The polyline of net new MRR through the buckets' centres, on the movements' axis.</summary>
    public string NetNewLine => string.Join(' ', Buckets.Select(b =>
        (b.X + b.Width / 2).ToString("0.##", CultureInfo.InvariantCulture) + "," + b.NetNewY.ToString("0.##", CultureInfo.InvariantCulture)));

    /// <summary>
    /// Every n-th category label, so at most 12 are drawn; the browser hides more of them, evenly, where they would
    /// overlap at the drawn width (wwwroot/chart-labels.js).
    /// </summary>
    public int LabelEvery => Math.Max(1, (int)Math.Ceiling(Buckets.Count / 12d));

    /// <summary>Whether bucket <paramref name="index"/> has a label at all.</summary>
    public bool HasLabel(int index) => index % LabelEvery == 0;

    public static MrrChartModel From(OverviewData data)
    {
        var mrr = data["mrr"]?.Points ?? [];
        var rows = new List<(DateOnly Date, string Label, long Mrr, long NetNew, List<(string Metric, string Label, long Minor)> Moves)>();
        var axisLabels = new List<string>();
        for (var i = 0; i < mrr.Count; i++)
        {
            var moves = OverviewMetrics.Movements
                .Select(m => (m.Metric, m.Label, Minor: Minor(data[m.Metric]?.Points, i)))
                .ToList();
            rows.Add((mrr[i].Date, PeriodLabels.Bucket(mrr[i].Date, mrr[i].EndDate, data.Interval, data.Today), (long)(mrr[i].Value ?? 0),
                Minor(data[OverviewMetrics.NetNew]?.Points, i), moves));
            axisLabels.Add(PeriodLabels.Axis(mrr[i].Date, mrr[i].EndDate, data.Interval, data.Today));
        }

        var up = rows.Select(r => r.Moves.Where(m => m.Minor > 0).Sum(m => m.Minor)).DefaultIfEmpty(0).Max();
        var down = rows.Select(r => r.Moves.Where(m => m.Minor < 0).Sum(m => m.Minor)).DefaultIfEmpty(0).Min();
        var (moveLow, moveHigh, moveStep) = NiceRange(down, up);
        if (moveHigh <= 0)
        {
            // MRR is drawn above zero: keep at least one step there even when nothing was gained.
            moveHigh = moveStep;
        }

        // Both axes share their zero line and grid: the MRR axis has as many steps above zero as the movements' axis,
        // each a round amount big enough for the highest MRR, and the same number of (unlabelled) steps below zero.
        var stepsUp = (int)(moveHigh / moveStep);
        var stepsDown = (int)(-moveLow / moveStep);
        var mrrStep = NiceStep(Math.Max(1, rows.Select(r => r.Mrr).DefaultIfEmpty(0).Max()) / (decimal)stepsUp);
        var mrrHigh = mrrStep * stepsUp;
        var mrrLow = -mrrStep * stepsDown;
        double MoveY(decimal minor) => (double)((moveHigh - minor) / (moveHigh - moveLow)) * Size;
        double MrrY(decimal minor) => (double)((mrrHigh - minor) / (mrrHigh - mrrLow)) * Size;

        var slot = rows.Count == 0 ? Size : Size / rows.Count;
        var buckets = new List<MrrBucket>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var bars = new List<MovementBar>();
            decimal above = 0, below = 0;
            foreach (var (metric, label, minor) in row.Moves)
            {
                // Gains stack upwards from zero, losses downwards, each in the order of OverviewMetrics.Movements.
                var from = minor >= 0 ? above : below;
                var to = from + minor;
                if (minor >= 0)
                {
                    above = to;
                }
                else
                {
                    below = to;
                }

                var top = MoveY(Math.Max(from, to));
                bars.Add(new MovementBar(metric, label, minor, top, MoveY(Math.Min(from, to)) - top));
            }

            buckets.Add(new MrrBucket(row.Date, row.Label, row.Mrr, row.NetNew, bars, i * slot + slot * 0.2, slot * 0.6, MrrY(row.Mrr))
            {
                AxisLabel = axisLabels[i],
                NetNewY = MoveY(row.NetNew),
            });
        }

        return new MrrChartModel(
            data.Currency,
            buckets,
            Ticks(moveLow, moveHigh, moveStep, data.Currency, MoveY),
            Ticks(0, mrrHigh, mrrStep, data.Currency, MrrY),
            MoveY(0));
    }

    /// <summary>The annotations of <paramref name="data"/> placed in the chart's buckets (by each bucket's first and last day).</summary>
    public static IReadOnlyList<AnnotationMarker> MarkersFor(OverviewData data, MrrChartModel chart)
    {
        var mrr = data["mrr"]?.Points ?? [];
        var buckets = mrr.Take(chart.Buckets.Count).Select((p, i) => new ChartBucket(p.Date, p.EndDate, chart.Buckets[i].Label)).ToList();
        return ChartNotesModel.Place(data.Annotations, buckets);
    }

    private static long Minor(IReadOnlyList<Core.Metrics.MetricPoint>? points, int index) =>
        points is not null && index < points.Count ? (long)(points[index].Value ?? 0) : 0;

    /// <summary>A range covering low..high (and zero) cut into about four round steps: 1, 2 or 5 times a power of ten.</summary>
    public static (decimal Low, decimal High, decimal Step) NiceRange(decimal low, decimal high)
    {
        low = Math.Min(0, low);
        high = Math.Max(0, high);
        if (high == low)
        {
            high = low + 100;
        }

        var step = NiceStep((high - low) / 4);
        return (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    /// <summary>The smallest of 1, 2 or 5 times a power of ten that is at least <paramref name="rough"/> (and at least 1).</summary>
    public static decimal NiceStep(decimal rough)
    {
        if (rough <= 1)
        {
            return 1;
        }

        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)rough)));
        return new[] { 1m, 2m, 5m, 10m }.Select(f => f * power).First(s => s >= rough);
    }

    private static List<AxisTick> Ticks(decimal low, decimal high, decimal step, string currency, Func<decimal, double> y)
    {
        var ticks = new List<AxisTick>();
        for (var value = low; value <= high; value += step)
        {
            var major = value / Dashboard.Core.Money.Currency.MinorPerMajor(currency);
            ticks.Add(new AxisTick(AxisLabels.Money(major, currency), y(value)));
        }

        return ticks;
    }
}
