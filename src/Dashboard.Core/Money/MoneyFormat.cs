using System.Globalization;

namespace Dashboard.Core.Money;

/// <summary>
/// Culture-safe money text. The currency is always named explicitly (the invariant culture would print '¤'),
/// with the symbol of a culture that uses the currency when one is known.
/// </summary>
public static class MoneyFormat
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["CAD"] = "CA$", ["AUD"] = "A$", ["INR"] = "₹",
        ["CHF"] = "CHF ", ["BRL"] = "R$", ["CNY"] = "CN¥", ["KRW"] = "₩", ["MXN"] = "MX$", ["NZD"] = "NZ$",
    };

    public static string Symbol(string currency) => Symbols.TryGetValue(currency, out var s) ? s : currency + " ";

    /// <summary>Every digit: $1,234.56, -$12.00, ¥1,200.</summary>
    public static string Full(Money money) => Full(money.Minor, money.Currency);

    public static string Full(long minor, string currency) =>
        Full((decimal)minor / Currency.MinorPerMajor(currency), currency);

    public static string Full(decimal major, string currency)
    {
        var digits = Currency.MinorDigits(currency);
        var text = Math.Abs(major).ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return (major < 0 ? "-" : string.Empty) + Symbol(currency) + text;
    }

    /// <summary>Short form for cards and axes: $950, $12.3k, $4.5M, -$1.2k.</summary>
    public static string Compact(long minor, string currency) =>
        Compact((decimal)minor / Currency.MinorPerMajor(currency), currency);

    public static string Compact(decimal major, string currency)
    {
        var abs = Math.Abs(major);
        var sign = major < 0 ? "-" : string.Empty;
        var symbol = Symbol(currency);
        return abs switch
        {
            >= 1_000_000_000m => sign + symbol + Trim(abs / 1_000_000_000m) + "B",
            >= 1_000_000m => sign + symbol + Trim(abs / 1_000_000m) + "M",
            >= 10_000m => sign + symbol + Trim(abs / 1_000m) + "k",
            _ => Full(major, currency),
        };
    }

    /// <summary>A percent number (5.9 means 5.9 %) with one decimal.</summary>
    public static string Percent(decimal? percent) =>
        percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>A count with thousands separators: 1,234.</summary>
    public static string Count(decimal? count) =>
        count is { } c ? c.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    private static string Trim(decimal value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
}
