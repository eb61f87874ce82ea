using Bunit;
using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Filters;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

/// <summary>The filter builder and the metric table, rendered to HTML.</summary>
public sealed class MetricMarkupTests : DashboardTestContext
{
    [Fact]
    public void Filter_builder_lists_fields_operators_chips_and_saved_segments()
    {
        Services.AddSingleton<IFilterChoices>(new FixedFilterChoices());
        var document = Render<FilterBuilder>(p => p
            .Add(f => f.Filters, ["plan:eq:Pro", "country:in:DE|FR"])
            .Add(f => f.Segments, [new SavedSegment(3, "Germany", [new SavedFilter("country", "eq", "DE")])])
            .Add(f => f.SegmentId, 3L)
            .Add(f => f.OnAdd, _ => { })
            .Add(f => f.OnRemove, _ => { })
            .Add(f => f.OnSegment, _ => { }));

        Assert.Equal(["plan", "country", "currency", "source", "email", "utm_source", "seats_used"],
            document.Find("[data-testid='filter-field']").ItemValues());
        Assert.Equal(FilterFields.Operators.Order(), document.Find("[data-testid='filter-op']").ItemValues().Order());
        Assert.Equal(["plan:eq:Pro", "country:in:DE|FR"], document.FindAll(".filter-chip").Select(c => c.GetAttribute("data-filter")));
        Assert.Equal(["Plan is Pro", "Country is one of DE or FR"], document.FindAll(".filter-chip__text").Select(c => c.TextContent));
        Assert.Equal("Remove filter: Plan is Pro", document.Find(".filter-chip button").GetAttribute("aria-label"));
        Assert.Equal("3", document.Find("[data-testid='segment-select']").GetAttribute("data-value"));
        var segment = document.Find("[data-testid='segment-select'] .rz-dropdown-item [data-value='3']")!;
        Assert.Equal("Germany", segment.TextContent);
        Assert.Equal("Country is DE", segment.GetAttribute("title"));
        Assert.Empty(document.FindAll(".filter-builder__none"));
    }

    [Fact]
    public void Metric_table_shows_readable_values_and_raw_data_values_with_the_previous_period()
    {
        var metric = MetricCatalog.Get("mrr");
        var series = new MetricSeries("mrr", MetricUnit.Money, "USD", Interval.Month,
        [
            new MetricPoint(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), 700_000, new PreviousValue(500_000, 40)),
            new MetricPoint(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 22), 1_234_567, new PreviousValue(0, null)),
        ]);
        // The bases are the figures themselves (docs/ui.md, "Headline numbers"): $5,000.00 then is enough, $0.00 is not.
        ComparisonBase Base(DateOnly start, DateOnly end, decimal previous, decimal current) =>
            new(start.AddDays(-53), end.AddDays(-53), previous, current, MetricUnit.Money, null);
        var model = MetricPageModel.From(
            new MetricViewData(metric, "USD", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 22), Interval.Month, [], series)
            {
                FirstDataDay = new DateOnly(2020, 1, 1),
                Bases = new ComparisonBaseSet(Base(new(2026, 10, 1), new(2026, 11, 22), 0, 1_234_567),
                    [Base(new(2026, 10, 1), new(2026, 10, 31), 500_000, 700_000), Base(new(2026, 11, 1), new(2026, 11, 22), 0, 1_234_567)]),
            }, compare: true);

        var selected = new List<MetricRow>();
        var document = Render<MetricTable>(p => p
            .Add(t => t.Model, model)
            .Add(t => t.Selected, new DateOnly(2026, 11, 1))
            .Add(t => t.OnSelect, selected.Add));

        var table = document.Find("table[data-testid='metric-table']")!;
        Assert.Equal("mrr", table.GetAttribute("data-metric"));
        Assert.Equal(["Period", "MRR", "Previous period", "Change"], table.QuerySelectorAll("thead th").Select(t => t.TextContent.Trim()));
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Equal(["700000", "1234567"], rows.Select(r => r.GetAttribute("data-value")));
        Assert.Equal(["Oct 2026", "$7,000.00", "$5,000.00", "+40.0 %"], rows[0].Children.Select(c => c.TextContent.Trim()));
        Assert.Equal(["Nov 1–22, 2026", "$12,345.67", "$0.00", "–"], rows[1].Children.Select(c => c.TextContent.Trim()));
        Assert.Equal("2026-11-22", rows[1].GetAttribute("data-end-date"));
        Assert.Contains("is-selected", rows[1].ClassList);
        Assert.Equal("2026-10-01=700000;2026-11-01=1234567", model.SeriesAttribute);

        document.FindAll("table[data-testid='metric-table'] tbody tr")[0].Click();

        Assert.Equal(new DateOnly(2026, 10, 1), Assert.Single(selected).Date);
    }
}
