using Bunit;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.ChartNotes;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// Goals set, changed and deleted on the metric page over <see cref="KnownStore"/> (MRR $60.00 today, Nov 22, 2026; four
/// active customers): what is stored, the progress shown under the headline figure and the chart's target line, and
/// viewers who see the goal but cannot change it.
/// </summary>
public sealed class GoalEditorTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private readonly KnownStore store;

    public GoalEditorTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    private IDbContextFactory<DashboardDbContext> Contexts => store.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    [Fact]
    public async Task An_editor_sets_a_goal_changes_it_and_deletes_it()
    {
        var page = OpenMetric("mrr");
        Assert.Empty(page.FindAll("[data-testid='goal-progress']"));

        page.Find("[data-testid='goal-open']").Click();
        page.Find("[data-testid='goal-target']").Change("$150");
        page.Find("[data-testid='goal-date'] input").Change("2027-03-31");
        page.Find("[data-testid='goal-name']").Change("Spring target");
        page.Find("[data-testid='goal-form']").Submit();

        // $60.00 of $150.00 is 40 %; the goal starts at today's figure on the range's last day.
        page.WaitForAssertion(() => Assert.Equal("0 % of the way from $60.00 to the $150.00 goal by Mar 31, 2027", page.Find("[data-testid='goal-progress']").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid='goal-form']"));
        var stored = await SingleGoalAsync("mrr");
        Assert.Equal(("Spring target", 6_000L, new DateOnly(2026, 11, 22), 15_000L, new DateOnly(2027, 3, 31)),
            (stored.Name, stored.StartAmount, stored.StartDate, stored.EndAmount, stored.EndDate));

        page.Find("[data-testid='goal-open']").Click();
        Assert.Equal("150", page.Find("[data-testid='goal-target']").GetAttribute("value"));
        page.Find("[data-testid='goal-target']").Change("120.50");
        page.Find("[data-testid='goal-form']").Submit();

        page.WaitForAssertion(() => Assert.Equal("12050", page.Find("[data-testid='goal-progress']").GetAttribute("data-goal-value")));
        Assert.Equal("0", page.Find("[data-testid='goal-progress']").GetAttribute("data-goal-percent"));
        var changed = await SingleGoalAsync("mrr");
        Assert.Equal((stored.Id, 12_050L, 6_000L, new DateOnly(2026, 11, 22)), (changed.Id, changed.EndAmount, changed.StartAmount, changed.StartDate));

        page.Find("[data-testid='goal-delete']").Click();
        page.Find("[data-testid='goal-delete-confirm']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='goal-progress']")));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.False(await db.Goals.AnyAsync(g => g.Metric == "mrr"));
    }

    [Fact]
    public void The_form_names_a_missing_or_malformed_target_and_date()
    {
        var page = OpenMetric("active_customers");
        page.Find("[data-testid='goal-open']").Click();
        page.Find("[data-testid='goal-date'] input").Change(string.Empty);
        page.Find("[data-testid='goal-form']").Submit();
        Assert.Equal("Target is required. Date is required.", page.Find("[data-testid='goal-error']").TextContent.Trim());
        page.Find("[data-testid='goal-date'] input").Change("2027-02-30");
        page.Find("[data-testid='goal-form']").Submit();
        Assert.Equal("Target is required. " + DatedNoteInput.BadDate, page.Find("[data-testid='goal-error']").TextContent.Trim());

        page.Find("[data-testid='goal-target']").Change("4.5");
        page.Find("[data-testid='goal-date'] input").Change("2027-01-31");
        page.Find("[data-testid='goal-form']").Submit();
        Assert.Equal("Target must be a whole number.", page.Find("[data-testid='goal-error']").TextContent.Trim());

        page.Find("[data-testid='goal-date'] input").Change("2026-01-31");
        page.Find("[data-testid='goal-target']").Change("6");
        page.Find("[data-testid='goal-form']").Submit();
        Assert.Equal("Date must not be before the start date.", page.Find("[data-testid='goal-error']").TextContent.Trim());

        page.Find("[data-testid='goal-date'] input").Change("2027-01-31");
        page.Find("[data-testid='goal-form']").Submit();
        // Three customers pay today and a new goal starts at today's figure: none of the way yet.
        page.WaitForAssertion(() => Assert.Equal("0 % of the way from 3 to the 6 goal by Jan 31, 2027", page.Find("[data-testid='goal-progress']").TextContent.Trim()));
    }

    [Fact]
    public void The_overview_card_link_opens_the_goal_form_at_once_and_saving_closes_it()
    {
        var page = OpenMetric("arr", "&goal=new");

        Assert.Equal("ARR goal", page.Find("[data-testid='goal-name']").GetAttribute("value"));
        page.Find("[data-testid='goal-target']").Change("1000");
        page.Find("[data-testid='goal-form']").Submit();

        // Saved: the progress shows and the form does not open again.
        page.WaitForElement("[data-testid='goal-progress']");
        Assert.Empty(page.FindAll("[data-testid='goal-form']"));
    }

    [Fact]
    public async Task Viewers_see_the_goal_without_the_editor_and_the_service_refuses_them()
    {
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Goals.Add(new Goal { Name = "Customers", Metric = "new_customers", StartAmount = 0, EndAmount = 10, StartDate = new(2026, 11, 1), EndDate = new(2027, 1, 1), CreatedAt = KnownStore.Now });
            await db.SaveChangesAsync();
        }

        var viewer = new ChartNoteService(Contexts, TestUsers.Guard(TestUsers.InRole(DashboardRoles.Viewer)), new FixedTimeProvider(KnownStore.Now));
        Services.AddSingleton(viewer);

        var page = OpenMetric("new_customers");

        Assert.Equal("10", page.Find("[data-testid='goal-progress']").GetAttribute("data-goal-value"));
        Assert.Empty(page.FindAll("[data-testid='goal-open']"));
        Assert.Empty(page.FindAll("[data-testid='goal-delete']"));
        var goal = await SingleGoalAsync("new_customers");
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            viewer.SaveGoalAsync(new GoalDraft(goal.Id, "new_customers", "Mine", 0, new(2026, 11, 1), 99, new(2027, 1, 1)), CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => viewer.DeleteGoalAsync(goal.Id, CancellationToken.None));
        Assert.Equal(10, (await SingleGoalAsync("new_customers")).EndAmount);
    }

    [Theory]
    [InlineData("10000", MetricUnit.Money, "USD", 1_000_000L)]
    [InlineData("$10,000.50", MetricUnit.Money, "USD", 1_000_050L)]
    [InlineData("USD 12", MetricUnit.Money, "USD", 1_200L)]
    [InlineData("500", MetricUnit.Money, "JPY", 500L)]
    [InlineData("1.5", MetricUnit.Money, "JPY", null)]
    [InlineData("10.001", MetricUnit.Money, "USD", null)]
    [InlineData("1,200", MetricUnit.Count, "USD", 1_200L)]
    [InlineData("5 %", MetricUnit.Percent, "USD", 5L)]
    [InlineData("4.5", MetricUnit.Percent, "USD", null)]
    [InlineData("ten", MetricUnit.Count, "USD", null)]
    [InlineData("-3", MetricUnit.Count, "USD", -3L)]
    public void Typed_targets_become_amounts_in_the_stored_unit(string text, MetricUnit unit, string currency, long? expected) =>
        Assert.Equal(expected, GoalAmounts.Parse(text, unit, currency));

    [Theory]
    [InlineData(1_000_050L, MetricUnit.Money, "USD", "10000.5")]
    [InlineData(500L, MetricUnit.Money, "JPY", "500")]
    [InlineData(120L, MetricUnit.Count, "USD", "120")]
    public void Stored_amounts_read_back_as_typed(long amount, MetricUnit unit, string currency, string expected) =>
        Assert.Equal(expected, GoalAmounts.Display(amount, unit, currency));

    private async Task<Goal> SingleGoalAsync(string metric)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Goals.AsNoTracking().SingleAsync(g => g.Metric == metric);
    }

    private IRenderedComponent<MetricPage> OpenMetric(string metric, string extra = "")
    {
        Open($"metrics/{metric}?range=30d&interval=week{extra}");
        var page = RenderPage<MetricPage>(p => p.Add(m => m.Name, metric));
        page.WaitForElement("section.metric-chart");
        return page;
    }
}
