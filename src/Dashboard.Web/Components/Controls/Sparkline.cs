using System.Globalization;

namespace Dashboard.Web.Components.Controls;

/// <summary>One point of a sparkline in its <see cref="Sparkline.Width"/> × <see cref="Sparkline.Height"/> box (y grows downwards).</summary>
public sealed record SparkPoint(double X, double Y);

/// <summary>
/// A tiny line of a series' shape: the lowest value at the bottom, the highest at the top, the buckets spread evenly
/// from left to right. Undefined values leave a gap (no point), so a line never pretends a missing rate was zero.
/// </summary>
public sealed record Sparkline(IReadOnlyList<SparkPoint> Points)
{
    public const double Width = 100;
    public const double Height = 32;

    /// <summary>Space kept above and below so the stroke is not clipped.</summary>
    private const double Margin = 2;

    /// <summary>The <c>points</c> attribute of an SVG polyline: "0,30 50,16 100,2".</summary>
    public string SvgPoints => string.Join(' ', Points.Select(p =>
        p.X.ToString("0.##", CultureInfo.InvariantCulture) + "," + p.Y.ToString("0.##", CultureInfo.InvariantCulture)));

    /// <summary>Where bucket <paramref name="index"/> of <paramref name="count"/> sits across the box: 0 to <see cref="Width"/>, the middle for one.</summary>
    public static double XOf(int index, int count) => count <= 1 ? Width / 2 : index * Width / (count - 1);

    public static Sparkline From(IReadOnlyList<decimal?> values)
    {
        var defined = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        if (defined.Count == 0)
        {
            return new Sparkline([]);
        }

        var (min, max) = (defined.Min(), defined.Max());
        var points = new List<SparkPoint>(defined.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                continue;
            }

            var x = XOf(i, values.Count);
            var y = max == min
                ? Height / 2
                : Margin + (double)((max - value) / (max - min)) * (Height - 2 * Margin);
            points.Add(new SparkPoint(x, y));
        }

        return new Sparkline(points);
    }

    /// <summary>The <c>points</c> of every point but the last, for a line whose last bucket is still running and drawn apart.</summary>
    public string SvgPointsBeforeLast => string.Join(' ', Points.Take(Points.Count - 1).Select(p =>
        p.X.ToString("0.##", CultureInfo.InvariantCulture) + "," + p.Y.ToString("0.##", CultureInfo.InvariantCulture)));
}
