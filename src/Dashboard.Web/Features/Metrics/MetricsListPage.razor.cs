using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Services.Metrics;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Metrics;

/// <summary>One metric of the list with today's value.</summary>
public sealed record MetricListItem(string Name, string Title, string Description, string Display, string Raw);

/// <summary>The metrics of one kind.</summary>
public sealed record MetricGroup(MetricKind Kind, IReadOnlyList<MetricListItem> Items)
{
    /// <summary>
    /// The catalog's metrics grouped by stock, flow and window: stocks and rates from the summary of the day (rates over
    /// its trailing 30 days), flows from <paramref name="flows"/> (their sums over the same 30 days).
    /// </summary>
    public static IReadOnlyList<MetricGroup> From(IReadOnlyList<SummaryItem> summary, IReadOnlyDictionary<string, decimal?> flows, string currency)
    {
        var values = summary.ToDictionary(s => s.Metric, s => s.Value);
        foreach (var (name, value) in flows)
        {
            values[name] = value;
        }

        // One style for every tile of the page (docs/ui.md, "Number format").
        var style = MetricValues.HeadlineStyle(MetricCatalog.All.Select(m => (values.GetValueOrDefault(m.Name), m.Unit)), currency);
        return MetricCatalog.All
            .GroupBy(m => m.Kind)
            .OrderBy(g => g.Key)
            .Select(g => new MetricGroup(g.Key, g.Select(m =>
            {
                var value = values.GetValueOrDefault(m.Name);
                return new MetricListItem(m.Name, m.Title, m.Description, MetricValues.Headline(value, m.Unit, currency, style), MetricValues.Raw(value));
            }).ToList()))
            .ToList();
    }
}

/// <summary>The list of every metric with its current value, each linking to its own page. Loading and failing: <see cref="DataPage"/>.</summary>
public partial class MetricsListPage : DataPage
{
    private IReadOnlyList<MetricGroup>? groups;
    private DateOnly? today;
    private bool hasData = true;

    [Inject]
    public required MetricQueryService Query { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync(async () =>
    {
        var engine = await Query.EngineAsync(Leaving);
        var day = Query.Today(engine);
        hasData = engine.HasCustomers;
        var flows = MetricCatalog.All.Where(m => m.Kind == MetricKind.Flow).ToDictionary(
            m => m.Name,
            m => (decimal?)engine.Query(new MetricQuery(m.Name, day.AddDays(1 - Bucket.DailyWindowDays), day, Interval.Day)).Points.Sum(p => p.Value ?? 0));
        groups = MetricGroup.From(engine.Summary(day), flows, engine.ReportingCurrency);
        today = day;
    });
}
