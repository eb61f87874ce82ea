namespace Dashboard.Core.Money;

/// <summary>
/// Culture-safe money text. The currency is always named explicitly (the invariant culture would print '¤'),
/// with the symbol of a culture that uses the currency when one is known. The formats themselves are
/// <see cref="NumberFormat"/>'s (the one rule, docs/ui.md "Number format"); these are its common shorthands.
/// </summary>
public static class MoneyFormat
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["CAD"] = "CA$", ["AUD"] = "A$", ["INR"] = "₹",
        ["CHF"] = "CHF ", ["BRL"] = "R$", ["CNY"] = "CN¥", ["KRW"] = "₩", ["MXN"] = "MX$", ["NZD"] = "NZ$",
    };

    public static string Symbol(string currency) => Symbols.TryGetValue(currency, out var s) ? s : currency + " ";

    /// <summary>Every digit: $1,234.56, -$12.00, ¥1,200 (<see cref="NumberStyle.Exact"/>).</summary>
    public static string Full(Money money) => Full(money.Minor, money.Currency);

    public static string Full(long minor, string currency) => NumberFormat.Money(minor, currency);

    public static string Full(decimal major, string currency) => NumberFormat.Money(major, currency);

    /// <summary>Abbreviated for chart axes and phone-width cards: $950, $12.3k, $4.5M (<see cref="NumberStyle.Compact"/>).</summary>
    public static string Compact(long minor, string currency) => NumberFormat.Money(minor, currency, NumberStyle.Compact);

    public static string Compact(decimal major, string currency) => NumberFormat.Money(major, currency, NumberStyle.Compact);

    /// <summary>A percent number (5.9 means 5.9 %) with one decimal.</summary>
    public static string Percent(decimal? percent) => NumberFormat.Percent(percent);

    /// <summary>A count with thousands separators: 1,234.</summary>
    public static string Count(decimal? count) => NumberFormat.Count(count);
}
