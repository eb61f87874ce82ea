using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.ChartNotes;
using Dashboard.Web.Tests.Api;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// Goals and annotations on the metric page over <see cref="KnownStore"/> (MRR $60.00 today, Nov 22, 2026): markers for
/// the annotations dated within the range, the goal's progress from the stored amounts, and the add form for those who may.
/// </summary>
public sealed class MetricChartNotesTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private static readonly DateTimeOffset Created = KnownStore.Now;
    private readonly KnownStore store;

    public MetricChartNotesTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    private IDbContextFactory<DashboardDbContext> Contexts => store.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    [Fact]
    public async Task Annotations_within_the_range_are_markers_in_their_buckets_with_the_note_as_title()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Annotations.AddRange(
                Note("active_customers", new DateOnly(2026, 11, 10), "Price change"),
                Note("active_customers", new DateOnly(2026, 9, 1), "Before the range"),
                Note("arr", new DateOnly(2026, 11, 12), "Another metric's"),
                Note("arr", new DateOnly(2026, 11, 15), "Shown everywhere", global: true));
            await db.SaveChangesAsync();
        }

        var page = OpenMetric("active_customers", "range=30d&interval=week");

        var markers = page.FindAll("[data-testid='annotation-marker']");
        Assert.Equal(["2026-11-10", "2026-11-15"], markers.Select(m => m.GetAttribute("data-date")));
        // The note shows on hover and on keyboard focus (a focusable marker with its tip), and is read out by its label.
        Assert.Equal("0", markers[0].GetAttribute("tabindex"));
        Assert.Equal("Annotation, Nov 10, 2026: Price change", markers[0].GetAttribute("aria-label"));
        Assert.Equal("Nov 10, 2026 Price change", markers[0].QuerySelector("[data-testid='annotation-tip']")!.TextContent.Trim());
        var rows = page.FindAll("table[data-testid='metric-table'] tbody tr");
        var bucket = rows.ToList().FindIndex(r => string.CompareOrdinal(r.GetAttribute("data-end-date"), "2026-11-10") >= 0);
        Assert.Contains($"grid-column: {bucket + 1}", markers[0].GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains($"repeat({rows.Count}, 1fr)", page.Find("[data-testid='annotation-row']").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal(["Nov 10, 2026 Price change", "Nov 15, 2026 Shown everywhere"],
            page.FindAll("[data-testid='annotation-list'] li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task The_goal_shows_how_far_the_headline_figure_has_come_from_its_start_to_its_end()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Goals.AddRange(
                new Goal { Name = "Old", Metric = "mrr", StartAmount = 0, EndAmount = 5_000, StartDate = new(2025, 1, 1), EndDate = new(2025, 12, 31), CreatedAt = Created },
                new Goal { Name = "Next", Metric = "mrr", StartAmount = 2_000, EndAmount = 9_700, StartDate = new(2026, 11, 1), EndDate = new(2027, 3, 1), CreatedAt = Created },
                new Goal { Name = "Later", Metric = "mrr", StartAmount = 6_000, EndAmount = 50_000, StartDate = new(2026, 11, 1), EndDate = new(2028, 1, 1), CreatedAt = Created });
            await db.SaveChangesAsync();
        }

        var page = OpenMetric("mrr", "range=30d&interval=week");

        // From $20.00 to $97.00, $60.00 is 40.00 of 77.00 dollars of the way: 51.95 %, 52 % to the whole percent; the goal ending first after the range is the one shown.
        Assert.Equal("6000", page.Find("section.metric-chart").GetAttribute("data-value"));
        var goal = page.Find("[data-testid='goal-progress']");
        Assert.Equal("9700", goal.GetAttribute("data-goal-value"));
        Assert.Equal("52", goal.GetAttribute("data-goal-percent"));
        Assert.Equal("52 % of the way from $20.00 to the $97.00 goal by Mar 1, 2027", goal.TextContent.Trim());
        Assert.Empty(OpenMetric("arr", "range=30d&interval=week").FindAll("[data-testid='goal-progress']"));
    }

    [Fact]
    public async Task Viewers_see_the_markers_but_not_the_add_form_and_the_service_refuses_them()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Annotations.Add(Note("new_customers", new DateOnly(2026, 11, 20), "Campaign"));
            await db.SaveChangesAsync();
        }

        var viewer = new ChartNoteService(Contexts, TestUsers.Guard(TestUsers.InRole(DashboardRoles.Viewer)), new FixedTimeProvider(KnownStore.Now));
        Services.AddSingleton(viewer);

        var page = OpenMetric("new_customers", "range=30d&interval=week");

        Assert.Equal("2026-11-20", page.Find("[data-testid='annotation-marker']").GetAttribute("data-date"));
        Assert.Empty(page.FindAll("[data-testid='annotation-form']"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => viewer.AddAnnotationAsync("new_customers", new DateOnly(2026, 11, 21), "Mine", CancellationToken.None));
    }

    [Fact]
    public async Task The_add_form_validates_then_stores_a_note_that_becomes_a_marker()
    {
        var page = OpenMetric("churned_customers", "range=30d&interval=week");
        var lastBucket = page.FindAll("table[data-testid='metric-table'] tbody tr")[^1].GetAttribute("data-date");
        Assert.Equal(lastBucket, page.Find("[data-testid='annotation-date'] input").GetAttribute("value"));

        page.Find("[data-testid='annotation-form']").Submit();
        Assert.Equal("Note is required.", page.Find("[data-testid='annotation-error']").TextContent.Trim());

        page.Find("[data-testid='annotation-date'] input").Change(string.Empty);
        page.Find("[data-testid='annotation-text']").Change("   ");
        page.Find("[data-testid='annotation-form']").Submit();
        Assert.Equal("Date is required. Note is required.", page.Find("[data-testid='annotation-error']").TextContent.Trim());

        // Typed text the date picker cannot read is named, not sent as "no date".
        page.Find("[data-testid='annotation-date'] input").Change("12/11/2026");
        page.Find("[data-testid='annotation-form']").Submit();
        Assert.Equal(DatedNoteInput.BadDate, page.Find("[data-testid='annotation-error']").TextContent.Trim());

        page.Find("[data-testid='annotation-date'] input").Change("2026-11-12");
        page.Find("[data-testid='annotation-text']").Change("  Price change ");
        page.Find("[data-testid='annotation-form']").Submit();

        page.WaitForAssertion(() => Assert.Equal("2026-11-12", page.Find("[data-testid='annotation-marker']").GetAttribute("data-date")));
        Assert.Empty(page.FindAll("[data-testid='annotation-error']"));
        await using var db = await Contexts.CreateDbContextAsync();
        var stored = await db.Annotations.SingleAsync(a => a.Metric == "churned_customers");
        Assert.Equal(("Price change", new DateOnly(2026, 11, 12), false), (stored.Text, stored.Date, stored.Global));
    }

    [Fact]
    public async Task The_api_lists_an_annotation_added_through_the_service_the_page_uses()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite);
        var service = new ChartNoteService(server.Database.CreateFactory(), TestUsers.Admin, new FixedTimeProvider(KnownStore.Now));

        var added = await service.AddAnnotationAsync("mrr", new DateOnly(2026, 11, 12), "Price change", CancellationToken.None);

        Assert.True(added.Succeeded);
        var listed = (await server.Client(server.ReadKey).GetFromJsonAsync<JsonObject>("/api/v1/annotations"))!["annotations"]!.AsArray();
        var annotation = Assert.Single(listed)!;
        Assert.Equal(added.Annotation!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), annotation["id"]!.GetValue<string>());
        Assert.Equal(("mrr", "Price change", "2026-11-12"),
            (annotation["metric"]!.GetValue<string>(), annotation["annotation"]!.GetValue<string>(), annotation["date"]!.GetValue<string>()));
    }

    private static Annotation Note(string metric, DateOnly date, string text, bool global = false) =>
        new() { Metric = metric, Date = date, Text = text, Global = global, CreatedAt = Created };

    private IRenderedComponent<MetricPage> OpenMetric(string metric, string query)
    {
        Open($"metrics/{metric}?{query}");
        var page = RenderPage<MetricPage>(p => p.Add(m => m.Name, metric));
        page.WaitForElement("section.metric-chart");
        return page;
    }
}
