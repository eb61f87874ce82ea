using Dashboard.Core.Customers;
using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Customers;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Services.Exports;

/// <summary>
/// An export's rows, asked of the same <see cref="MetricQueryService"/> as the REST metrics endpoint with the range
/// resolved on today's reporting day, so the file holds the API's numbers for the same query.
/// </summary>
public sealed class ExportTableBuilder(MetricQueryService metrics, CustomerQueryService customers)
{
    public const int CustomerPageSize = CustomerListQuery.MaxLimit;

    /// <summary>Throws <see cref="MetricQueryException"/> for a segment or filter that no longer works.</summary>
    public Task<ExportTable> BuildAsync(ExportDefinition definition, CancellationToken cancellationToken) => definition.Kind switch
    {
        ExportKind.Customers => CustomersAsync(definition, cancellationToken),
        _ => MetricsAsync(definition, cancellationToken),
    };

    /// <summary>The days the export covers if it ran now.</summary>
    public async Task<(DateOnly Start, DateOnly End)> RangeAsync(ExportDefinition definition, CancellationToken cancellationToken) =>
        RelativeRanges.Resolve(definition.Range, metrics.Today(await metrics.EngineAsync(cancellationToken)));

    private async Task<ExportTable> MetricsAsync(ExportDefinition definition, CancellationToken cancellationToken)
    {
        var (start, end) = await RangeAsync(definition, cancellationToken);
        var filters = await metrics.FiltersAsync(definition.SegmentId, definition.Filters, cancellationToken);
        var series = new List<MetricSeries>();
        foreach (var name in definition.Metrics)
        {
            series.Add(await metrics.SeriesAsync(
                new MetricQuery(name, start, end, definition.Interval) { Filters = filters, CompareToDays = end.DayNumber - start.DayNumber + 1 }, cancellationToken));
        }

        var rows = new List<IReadOnlyList<string?>>();
        var buckets = series.Count == 0 ? 0 : series[0].Points.Count;
        for (var i = 0; i < buckets; i++)
        {
            var row = new List<string?> { CsvCells.Day(series[0].Points[i].Date) };
            row.AddRange(series.Select(s => CsvCells.Value(s.Points[i].Value, s.Unit, s.Currency)));
            rows.Add(row);
        }

        return new ExportTable(["date", .. definition.Metrics], rows, series.Select(Headline).ToList());
    }

    /// <summary>
    /// The one figure for the export's whole range (metrics.md, "One figure for a whole range"), as the Overview's card
    /// shows it, and its change from the same figure for the period just before.
    /// </summary>
    private static Headline Headline(MetricSeries series)
    {
        var metric = MetricQueryService.Metric(series.Metric);
        var points = series.Points;
        var whole = series.WholeRange;
        var change = whole?.Previous?.Percent is { } percent
            ? (percent >= 0 ? "+" : string.Empty) + MoneyFormat.Percent(percent) + " vs the period before"
            : null;
        return new Headline(metric.Title, Display(whole?.Value, series.Unit, series.Currency), change, points.Select(p => p.Value ?? 0).ToList());
    }

    private static string Display(decimal? value, MetricUnit unit, string currency) => value is not { } v
        ? "n/a"
        : unit switch
        {
            MetricUnit.Money => MoneyFormat.Full((long)v, currency),
            MetricUnit.Percent => MoneyFormat.Percent(v),
            MetricUnit.Count => MoneyFormat.Count(v),
            _ => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        };

    private async Task<ExportTable> CustomersAsync(ExportDefinition definition, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<string?>>();
        var offset = 0;
        CustomerListResult result;
        long totalMrr = 0;
        var currency = "USD";
        do
        {
            result = await customers.ListAsync(
                new CustomerListRequest(definition.SegmentId, definition.Filters, null, CustomerSortField.Mrr, true, offset, CustomerPageSize, null),
                cancellationToken);
            currency = result.Currency;
            if (result.Page is not { } page)
            {
                break;
            }

            totalMrr = page.TotalMrr;
            foreach (var c in page.Rows)
            {
                rows.Add([
                    CsvCells.Text(c.ExternalId),
                    CsvCells.Text(c.Name),
                    CsvCells.Text(c.Email),
                    CsvCells.Text(result.SourceNames.TryGetValue(c.SourceId, out var source) ? source : null),
                    CsvCells.Text(c.Country),
                    CsvCells.Text(string.Join('|', c.Plans)),
                    CsvCells.Money(c.Mrr, currency),
                    CsvCells.Money(c.NetRevenue, currency),
                    c.Since is { } since ? CsvCells.Day(since) : null,
                    StatusName(c.Status),
                ]);
            }

            offset += page.Rows.Count;
            if (page.Rows.Count == 0 || offset >= page.Total)
            {
                break;
            }
        }
        while (true);

        return new ExportTable(
            ["customer_oid", "name", "email", "source", "country", "plans", "mrr", "net_revenue", "since", "status"],
            rows,
            [new Headline("Customers", MoneyFormat.Count(rows.Count)), new Headline("MRR", MoneyFormat.Full(totalMrr, currency))]);
    }

    private static string StatusName(CustomerStatus status) => status switch
    {
        CustomerStatus.PastDue => "past_due",
        CustomerStatus.NeverPaid => "never_paid",
        _ => status.ToString().ToLowerInvariant(),
    };
}
