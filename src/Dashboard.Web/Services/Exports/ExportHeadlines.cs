using System.Globalization;
using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;
using Dashboard.Infrastructure.Exports;

namespace Dashboard.Web.Services.Exports;

/// <summary>
/// Headline numbers read from an export file's own cells: for a customer list the number of customers and their MRR; for
/// a metrics file stored before runs kept their headlines (docs/exports.md), each metric column's last bucket (and every
/// bucket, for a digest's bars) without a change: the comparison rule (<c>PeriodComparison</c>, docs/ui.md "Headline
/// numbers") needs the previous period's bases, which the file does not hold. A new metrics run's headlines are the one
/// figure for its whole range with its change by that rule, and are stored beside its file.
/// </summary>
public static class ExportHeadlines
{
    public const string MrrColumn = "mrr";

    public static IReadOnlyList<Headline> Of(ExportKind kind, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string?>> rows, string currency) =>
        kind == ExportKind.Customers ? OfCustomers(header, rows, currency) : OfMetrics(header, rows, currency);

    private static List<Headline> OfMetrics(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string?>> rows, string currency)
    {
        var headlines = new List<Headline>();
        for (var column = 1; column < header.Count; column++)
        {
            if (!MetricCatalog.TryGet(header[column], out var metric))
            {
                continue;
            }

            var series = rows.Select(row => Number(column < row.Count ? row[column] : null)).ToList();
            var last = series.Count > 0 ? series[^1] : null;
            headlines.Add(new Headline(metric.Title, Display(last, metric.Unit, currency), null, series.Select(v => v ?? 0).ToList()));
        }

        return headlines;
    }

    private static List<Headline> OfCustomers(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string?>> rows, string currency)
    {
        var mrr = header.ToList().IndexOf(MrrColumn);
        var total = mrr < 0 ? 0 : rows.Sum(row => Number(mrr < row.Count ? row[mrr] : null) ?? 0);
        return [new Headline("Customers", MoneyFormat.Count(rows.Count)), new Headline("MRR", MoneyFormat.Full(total, currency))];
    }

    /// <summary>A cell as the CSV writes numbers (invariant, money in major units); null for an empty or non-numeric cell.</summary>
    private static decimal? Number(string? cell) =>
        decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Display(decimal? value, MetricUnit unit, string currency) => value is not { } v
        ? "n/a"
        : unit switch
        {
            MetricUnit.Money => MoneyFormat.Full(v, currency),
            MetricUnit.Percent => MoneyFormat.Percent(v),
            MetricUnit.Count => MoneyFormat.Count(v),
            _ => v.ToString("0.####", CultureInfo.InvariantCulture),
        };
}
