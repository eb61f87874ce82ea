using System.Globalization;
using Bunit;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Features.MrrBreakdown;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// Annotations and goals beyond the metric page, over <see cref="KnownStore"/> (MRR $60.00 today, Nov 22, 2026): markers
/// on the Overview's MRR chart and the breakdown's chart, annotations added from a clicked bucket, goal progress and the
/// "set a goal" link on the Overview's cards; and the breakdown's own controls (custom range, day interval, CSV, chart).
/// </summary>
public sealed class ChartNotesEverywhereTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private readonly KnownStore store;

    public ChartNotesEverywhereTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    private IDbContextFactory<DashboardDbContext> Contexts => store.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    [Fact]
    public async Task The_overview_draws_mrr_annotations_on_its_chart_and_shows_goals_on_cards()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Annotations.AddRange(
                new Annotation { Metric = "mrr", Date = new(2026, 10, 5), Text = "Launch", CreatedAt = KnownStore.Now },
                new Annotation { Metric = "arr", Date = new(2026, 10, 6), Text = "Not on the MRR chart", CreatedAt = KnownStore.Now });
            db.Goals.Add(new Goal { Name = "MRR", Metric = "mrr", StartAmount = 0, EndAmount = 12_000, StartDate = new(2026, 1, 1), EndDate = new(2027, 6, 30), CreatedAt = KnownStore.Now });
            await db.SaveChangesAsync();
        }

        var page = Show<OverviewPage>("?range=3m&interval=month", wait: "section.chart-card");

        // The mrr metric's note is on the chart (in its bucket, October); another metric's is not.
        var markers = page.FindAll("section.chart-card [data-testid='annotation-marker']");
        var launch = Assert.Single(markers, m => m.GetAttribute("data-date") == "2026-10-05");
        Assert.Contains("Launch", launch.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(markers, m => m.GetAttribute("data-date") == "2026-10-06");
        // Placed under its bucket's centre: the October column's left edge plus half a slot.
        var columns = page.FindAll(".mrr-chart__column").ToList();
        var october = columns.FindIndex(c => c.GetAttribute("data-date") == "2026-10-01");
        Assert.Contains($"left: {Centre(october, columns.Count)}%", launch.GetAttribute("style"), StringComparison.Ordinal);
        var mrrCard = page.Find(".kpi-card[data-metric='mrr'] [data-testid='kpi-goal']");
        Assert.Equal("50", mrrCard.GetAttribute("data-goal-percent"));
        Assert.Contains("50 % of the way from $0.00 to the $120.00 goal by Jun 30, 2027", mrrCard.TextContent, StringComparison.Ordinal);
        // Editors get a link to set a goal on every card; it opens the metric page's goal form.
        var link = page.Find(".kpi-card[data-metric='arr'] [data-testid='kpi-goal-link']");
        Assert.Equal("Set a goal", link.TextContent.Trim());
        Assert.EndsWith("&goal=new", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.StartsWith("metrics/arr?", link.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_click_on_an_overview_bucket_opens_the_annotation_form_at_its_date()
    {
        var page = Show<OverviewPage>("?range=3m&interval=month", wait: "section.chart-card");
        Assert.Empty(page.FindAll("[data-testid='annotation-form']"));

        var column = page.FindAll(".mrr-chart__column")[1];
        var date = column.GetAttribute("data-date");
        column.Click();

        Assert.Equal(date, page.Find("[data-testid='annotation-date'] input").GetAttribute("value"));
        page.Find("[data-testid='annotation-text']").Change("Price change");
        page.Find("[data-testid='annotation-form']").Submit();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("section.chart-card [data-testid='annotation-marker']"), m => m.TextContent.Contains("Price change", StringComparison.Ordinal)));
        await using var db = await Contexts.CreateDbContextAsync();
        var stored = await db.Annotations.SingleAsync(a => a.Text == "Price change");
        Assert.Equal(("mrr", DateOnly.ParseExact(date!, "yyyy-MM-dd", CultureInfo.InvariantCulture)), (stored.Metric, stored.Date));
    }

    [Fact]
    public void The_breakdown_has_a_custom_range_a_day_interval_a_csv_link_and_a_chart_with_net_new()
    {
        var page = Show<MrrBreakdownPage>("mrr-breakdown?range=custom&start=2026-11-01&end=2026-11-22&interval=day", wait: "[data-testid='mrr-breakdown-chart']");

        Assert.Equal("2026-11-01", page.Find("[data-testid='range-start'] input").GetAttribute("value"));
        var rows = page.FindAll("[data-testid='mrr-breakdown'] tbody tr");
        Assert.Equal(22, rows.Count);
        var chart = page.Find("[data-testid='mrr-breakdown-chart']");
        Assert.Equal("22", chart.GetAttribute("data-points"));
        Assert.NotEmpty(page.FindAll("[data-testid='net-new-line']"));
        // The chart's net new per bucket is the table's.
        var tableNetNew = rows.Reverse().Select(r => r.GetAttribute("data-date") + "=" + r.GetAttribute("data-net-new"));
        Assert.Equal(string.Join(';', tableNetNew), chart.GetAttribute("data-net-new"));
        Assert.Equal("export/mrr-breakdown.csv?range=custom&start=2026-11-01&end=2026-11-22&interval=day", page.Find("[data-testid='csv-link']").GetAttribute("href"));
    }

    [Fact]
    public async Task A_click_on_a_breakdown_bucket_lists_its_movements_and_offers_to_annotate_it()
    {
        var page = Show<MrrBreakdownPage>("mrr-breakdown?range=3m&interval=month", wait: "[data-testid='mrr-breakdown-chart']");

        var column = page.FindAll(".mrr-chart__column")[^1];
        column.Click();

        page.WaitForElement("[data-testid='drill-down']");
        Assert.Equal(column.GetAttribute("data-date"), page.Find("[data-testid='annotation-date'] input").GetAttribute("value"));
        page.Find("[data-testid='annotation-text']").Change("Churn spike");
        page.Find("[data-testid='annotation-form']").Submit();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid='annotation-marker']"), m => m.TextContent.Contains("Churn spike", StringComparison.Ordinal)));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal("mrr", (await db.Annotations.SingleAsync(a => a.Text == "Churn spike")).Metric);
    }

    [Fact]
    public async Task The_breakdown_csv_has_the_tables_numbers()
    {
        var query = store.Services.GetRequiredService<MetricQueryService>();
        var data = await MrrBreakdownQuery.LoadAsync(query, MetricViewState.Parse("3m", null, null, "month", null, [], null), CancellationToken.None);

        var lines = MrrBreakdownCsv.Write(data.Model).TrimEnd('\n').Split('\n');

        Assert.Equal("date,end_date,new_mrr,new_count,expansion_mrr,expansion_count,contraction_mrr,contraction_count,churn_mrr,churn_count,"
            + "reactivation_mrr,reactivation_count,net_new_mrr,mrr,currency", lines[0]);
        Assert.Equal(data.Model.Rows.Count, lines.Length - 1);
        foreach (var (row, line) in data.Model.Rows.Zip(lines.Skip(1)))
        {
            var cells = line.Split(',');
            Assert.Equal(row.MrrAtEnd.ToString(CultureInfo.InvariantCulture), cells[13]);
            // The five amounts add up to net new MRR.
            Assert.Equal(long.Parse(cells[12], CultureInfo.InvariantCulture), new[] { 2, 4, 6, 8, 10 }.Sum(i => long.Parse(cells[i], CultureInfo.InvariantCulture)));
        }

        Assert.Equal("6000", lines[^1].Split(',')[13]);
        Assert.Contains(lines.Skip(1), l => l.Split(',')[8] == "-1000" && l.Split(',')[9] == "1");
        Assert.StartsWith("mrr-breakdown-", MrrBreakdownCsv.FileName(data.Model), StringComparison.Ordinal);
    }

    /// <summary>A bucket's centre in percent of the plot, as the chart places it (bars are 60 % of a slot, 20 % in).</summary>
    private static string Centre(int index, int count) =>
        ((index * (1000d / count) + (1000d / count) * 0.2 + (1000d / count) * 0.3) / 1000 * 100).ToString("0.##", CultureInfo.InvariantCulture);

    private IRenderedComponent<TPage> Show<TPage>(string url, Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null, string wait = "body")
        where TPage : IComponent
    {
        Open(url);
        var page = RenderPage(parameters);
        page.WaitForElement(wait);
        return page;
    }
}
