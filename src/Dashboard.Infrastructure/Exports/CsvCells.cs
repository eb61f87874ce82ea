using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;

namespace Dashboard.Infrastructure.Exports;

/// <summary>
/// Cell texts of an export: money in the reporting currency's major units with exactly its number of decimals
/// (12345 minor USD → <c>123.45</c>, never <c>1.2k</c>), percentages and ratios as plain numbers, counts as integers,
/// null as an empty cell; text that a spreadsheet would read as a formula is neutralised.
/// </summary>
public static class CsvCells
{
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A metric value as the API gives it (money in minor units) written for the CSV.</summary>
    public static string? Value(decimal? value, MetricUnit unit, string currency) => value is not { } v
        ? null
        : unit switch
        {
            MetricUnit.Money => Money(v, currency),
            MetricUnit.Count => v.ToString("0", CultureInfo.InvariantCulture),
            _ => v.ToString("0.################", CultureInfo.InvariantCulture),
        };

    /// <summary>Minor units as major units with the currency's exact decimals: <c>-1000</c> USD → <c>-10.00</c>, JPY <c>1000</c> → <c>1000</c>.</summary>
    public static string Money(decimal minor, string currency)
    {
        var digits = Currency.MinorDigits(currency);
        var major = minor / Currency.MinorPerMajor(currency);
        return major.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Free text (names, attributes) with a leading apostrophe when it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
    /// a tab or a carriage return, so a spreadsheet shows it instead of evaluating it. Numbers never pass through here.
    /// </summary>
    public static string? Text(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
