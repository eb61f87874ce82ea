using System.Globalization;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Money;

/// <summary>How much of a number a place shows (docs/ui.md, "Number format").</summary>
public enum NumberStyle
{
    /// <summary>Every digit: $79,312.40, 1,234, 4.9 %, 1.97. Tables, tooltips, drill-downs, detail pages, exports.</summary>
    Exact,

    /// <summary>Whole currency units: $79,312. Headline figures of a group whose largest amount is at least 1,000.</summary>
    Whole,

    /// <summary>Abbreviated from 10,000: $79.3k, $80k, $1.2M, 12.3k; whole units below. Chart axes.</summary>
    Compact,

    /// <summary>
    /// Abbreviated from 10,000 with exactly one decimal: $79.0k next to $947.7k, $1.2M, 12.3k; whole units below. A row of
    /// headline figures at phone width, where every figure of the row takes it, so the row reads with one precision.
    /// </summary>
    CompactRow,
}

/// <summary>
/// The one number-format rule of the UI (docs/ui.md, "Number format"): money and counts in full everywhere (tables,
/// tooltips and exports with every cent; a group of headline figures in whole units when its largest amount is at least
/// 1,000 of the currency, so cents are noise), compact only where space demands (chart axes, KPI cards at phone width),
/// and one style for every figure of a group (a row of cards, a list of tiles), chosen by <see cref="HeadlineStyle"/>.
/// Invariant culture, currency symbols from <see cref="MoneyFormat.Symbol"/>.
/// </summary>
public static class NumberFormat
{
    /// <summary>The amount (in major units) from which a group of headline figures drops its cents.</summary>
    public const decimal WholeFrom = 1_000m;

    /// <summary>The size from which <see cref="NumberStyle.Compact"/> abbreviates (k, M, B).</summary>
    public const decimal CompactFrom = 10_000m;

    /// <summary>An amount in minor units: $79,312.40 (Exact), $79,312 (Whole), $79.3k (Compact).</summary>
    public static string Money(long minor, string currency, NumberStyle style = NumberStyle.Exact) =>
        Money((decimal)minor / Currency.MinorPerMajor(currency), currency, style);

    /// <summary>An amount in major units, in <paramref name="style"/>.</summary>
    public static string Money(decimal major, string currency, NumberStyle style = NumberStyle.Exact)
    {
        var sign = major < 0 ? "-" : string.Empty;
        var abs = Math.Abs(major);
        var symbol = MoneyFormat.Symbol(currency);
        return style switch
        {
            NumberStyle.Compact or NumberStyle.CompactRow when abs >= CompactFrom => sign + symbol + Abbreviate(abs, style),
            NumberStyle.Compact or NumberStyle.CompactRow or NumberStyle.Whole => WholeUnits(major, symbol),
            _ => sign + symbol + abs.ToString("N" + Currency.MinorDigits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A count: 1,234 (Exact and Whole), 12.3k from 10,000 (Compact); a dash when undefined.</summary>
    public static string Count(decimal? count, NumberStyle style = NumberStyle.Exact) => count switch
    {
        null => "–",
        { } c when style is NumberStyle.Compact or NumberStyle.CompactRow && Math.Abs(c) >= CompactFrom => (c < 0 ? "-" : string.Empty) + Abbreviate(Math.Abs(c), style),
        { } c => c.ToString("#,0", CultureInfo.InvariantCulture),
    };

    /// <summary>A percent number (5.9 means 5.9 %) with one decimal in every style; a dash when undefined.</summary>
    public static string Percent(decimal? percent) =>
        percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>A ratio (quick ratio) with up to two decimals in every style: 1.97.</summary>
    public static string Ratio(decimal? ratio) =>
        ratio is { } r ? r.ToString("#,0.##", CultureInfo.InvariantCulture) : "–";

    /// <summary>A metric value (money in minor units, counts, plain percent numbers, ratios) in <paramref name="style"/>.</summary>
    public static string Metric(decimal? value, MetricUnit unit, string currency, NumberStyle style = NumberStyle.Exact) => value switch
    {
        null => "–",
        { } v => unit switch
        {
            MetricUnit.Money => Money((long)decimal.Round(v, MidpointRounding.AwayFromZero), currency, style),
            MetricUnit.Percent => Percent(v),
            MetricUnit.Count => Count(v, style),
            _ => Ratio(v),
        },
    };

    /// <summary>
    /// The style of a group of headline figures (a row of KPI cards, the metrics list, a page's headline): whole units
    /// when any of its money values (minor units) reaches <see cref="WholeFrom"/>, else every cent, so a row never
    /// mixes $79,312 with $52.87 or $79k with $6,315.42.
    /// </summary>
    public static NumberStyle HeadlineStyle(IEnumerable<decimal?> moneyMinorValues, string currency)
    {
        var perMajor = Currency.MinorPerMajor(currency);
        return moneyMinorValues.Any(v => v is { } m && Math.Abs(m) / perMajor >= WholeFrom) ? NumberStyle.Whole : NumberStyle.Exact;
    }

    private static string WholeUnits(decimal major, string symbol)
    {
        var rounded = Math.Round(major, 0, MidpointRounding.AwayFromZero);
        return (rounded < 0 ? "-" : string.Empty) + symbol + Math.Abs(rounded).ToString("#,0", CultureInfo.InvariantCulture);
    }

    private static string Abbreviate(decimal abs, NumberStyle style) => abs switch
    {
        >= 1_000_000_000m => Tenths(abs / 1_000_000_000m, style) + "B",
        >= 1_000_000m => Tenths(abs / 1_000_000m, style) + "M",
        _ => Tenths(abs / 1_000m, style) + "k",
    };

    /// <summary>One decimal: kept when zero in a row (79.0, so it reads like 947.7 beside it), dropped on an axis (80).</summary>
    private static string Tenths(decimal value, NumberStyle style) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString(style == NumberStyle.CompactRow ? "0.0" : "0.#", CultureInfo.InvariantCulture);
}
