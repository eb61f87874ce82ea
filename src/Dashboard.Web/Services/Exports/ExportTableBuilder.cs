using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Customers;
using Dashboard.Web.Services.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Exports;

/// <summary>
/// An export's rows, asked of the same engine (through <see cref="MetricQueryService"/>) as the REST metrics endpoint with
/// the range resolved on today's reporting day, so the file holds the API's numbers for the same query; the headlines'
/// changes follow the Overview cards' comparison rule (<see cref="PeriodComparison"/>).
/// </summary>
public sealed class ExportTableBuilder(MetricQueryService metrics, CustomerQueryService customers, IDbContextFactory<DashboardDbContext> contexts)
{
    public const int CustomerPageSize = CustomerListQuery.MaxLimit;

    /// <summary>Throws <see cref="MetricQueryException"/> for a segment or filter that no longer works.</summary>
    public Task<ExportTable> BuildAsync(ExportDefinition definition, CancellationToken cancellationToken) => BuildAsync(definition, null, cancellationToken);

    /// <summary>The rows, at most <paramref name="rowLimit"/> of a customer list when given (a preview reads no further).</summary>
    public Task<ExportTable> BuildAsync(ExportDefinition definition, int? rowLimit, CancellationToken cancellationToken) => definition.Kind switch
    {
        ExportKind.Customers => CustomersAsync(definition, rowLimit ?? int.MaxValue, cancellationToken),
        _ => MetricsAsync(definition, cancellationToken),
    };

    /// <summary>The days the export covers if it ran now.</summary>
    public async Task<(DateOnly Start, DateOnly End)> RangeAsync(ExportDefinition definition, CancellationToken cancellationToken) =>
        RelativeRanges.Resolve(definition.Range, metrics.Today(await metrics.EngineAsync(cancellationToken)));

    private async Task<ExportTable> MetricsAsync(ExportDefinition definition, CancellationToken cancellationToken)
    {
        // One engine snapshot for the rows, the headlines and the bases their changes rest on.
        var engine = await metrics.EngineAsync(cancellationToken);
        var (start, end) = RelativeRanges.Resolve(definition.Range, metrics.Today(engine));
        var filters = await metrics.FiltersAsync(definition.SegmentId, definition.Filters, cancellationToken);
        var firstDataDay = MetricQueryService.FirstDataDay(engine);
        var series = new List<MetricSeries>();
        var headlines = new List<Headline>();
        foreach (var name in definition.Metrics)
        {
            var query = new MetricQuery(name, start, end, definition.Interval) { Filters = filters, CompareToDays = end.DayNumber - start.DayNumber + 1 };
            var one = engine.Query(query);
            series.Add(one);
            headlines.Add(Headline(one, firstDataDay, MetricQueryService.WholeRangeBase(engine, query)));
        }

        var rows = new List<IReadOnlyList<string?>>();
        var buckets = series.Count == 0 ? 0 : series[0].Points.Count;
        for (var i = 0; i < buckets; i++)
        {
            var row = new List<string?> { CsvCells.Day(series[0].Points[i].Date) };
            row.AddRange(series.Select(s => CsvCells.Value(s.Points[i].Value, s.Unit, s.Currency)));
            rows.Add(row);
        }

        List<string> header = ["date", .. definition.Metrics];
        return new ExportTable(header, rows, headlines);
    }

    /// <summary>
    /// The one figure for the export's whole range (metrics.md, "One figure for a whole range"), as the Overview's card
    /// shows it, and its change from the same figure for the period just before by the cards' own rule
    /// (<see cref="PeriodComparison"/>, docs/ui.md "Headline numbers"): a percentage in points, and "no comparable
    /// period" with the reason where the previous period starts before the data or its base is too small.
    /// </summary>
    private static Headline Headline(MetricSeries series, DateOnly? firstDataDay, ComparisonBase bases)
    {
        var metric = MetricQueryService.Metric(series.Metric);
        var whole = series.WholeRange;
        var change = PeriodComparison.Of(metric, series.Currency, firstDataDay, whole?.Value, whole?.Previous, bases);
        var text = change.Amount is not null
            ? change.Signed + " vs the period before"
            : change.NoComparison is not null ? PeriodChange.NoComparableText : null;
        return new Headline(metric.Title, Display(whole?.Value, series.Unit, series.Currency), text, series.Points.Select(p => p.Value ?? 0).ToList(),
            change.NoComparison);
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

    /// <summary>
    /// The customer list as the Customers page counts it today, highest MRR first, then one column per attribute field
    /// (by key, in key order) holding each customer's value as the customer API gives it.
    /// </summary>
    private async Task<ExportTable> CustomersAsync(ExportDefinition definition, int rowLimit, CancellationToken cancellationToken)
    {
        var fields = await AttributeFieldsAsync(cancellationToken);
        var rows = new List<IReadOnlyList<string?>>();
        var offset = 0;
        var currency = (await metrics.EngineAsync(cancellationToken)).ReportingCurrency;
        while (true)
        {
            var result = await customers.ListAsync(
                new CustomerListRequest(definition.SegmentId, definition.Filters, null, CustomerSortField.Mrr, true, offset, Math.Min(CustomerPageSize, rowLimit - rows.Count), null),
                cancellationToken);
            currency = result.Currency;
            if (result.Page is not { } page)
            {
                break;
            }

            var attributes = await AttributesAsync(page.Rows.Select(c => c.Id).ToList(), cancellationToken);
            foreach (var c in page.Rows)
            {
                List<string?> row =
                [
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
                ];
                row.AddRange(fields.Select(f => AttributeCell(f, attributes.TryGetValue((c.Id, f.Id), out var value) ? value : null)));
                rows.Add(row);
            }

            offset += page.Rows.Count;
            if (page.Rows.Count == 0 || offset >= page.Total || rows.Count >= rowLimit)
            {
                break;
            }
        }

        var header = CustomerColumns.Concat(fields.Select(f => AttributeColumn(f.Key))).ToList();
        return new ExportTable(header, rows, ExportHeadlines.Of(ExportKind.Customers, header, rows, currency));
    }

    /// <summary>The fixed columns of a customer list; attribute columns follow them.</summary>
    public static readonly IReadOnlyList<string> CustomerColumns =
        ["customer_oid", "name", "email", "source", "country", "plans", ExportHeadlines.MrrColumn, "net_revenue", "since", "status"];

    /// <summary>An attribute's column: its key, or <c>attributes.{key}</c> when the key is also a fixed column's name.</summary>
    public static string AttributeColumn(string key) => CustomerColumns.Contains(key, StringComparer.Ordinal) ? "attributes." + key : key;

    /// <summary>A number attribute stays a number (a negative one too); any other text is neutralised against formulas.</summary>
    private static string? AttributeCell(AttributeField field, string? value) =>
        field.Type == AttributeType.Number && value is not null && AttributeValues.AsNumber(value) is not null ? value : CsvCells.Text(value);

    private async Task<List<AttributeField>> AttributeFieldsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.AttributeFields.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The stored attribute values of <paramref name="customerIds"/>, by customer and field.</summary>
    private async Task<Dictionary<(long CustomerId, long FieldId), string>> AttributesAsync(IReadOnlyList<long> customerIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var values = await db.CustomerAttributes.AsNoTracking().Where(a => customerIds.Contains(a.CustomerId)).ToListAsync(cancellationToken);
        return values.ToDictionary(a => (a.CustomerId, a.FieldId), a => a.Value);
    }

    private static string StatusName(CustomerStatus status) => status switch
    {
        CustomerStatus.PastDue => "past_due",
        CustomerStatus.NeverPaid => "never_paid",
        _ => status.ToString().ToLowerInvariant(),
    };
}
