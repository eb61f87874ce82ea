using Bunit;
using Dashboard.Core.Segments;
using Dashboard.Core.Trials;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Trials;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Trials;

/// <summary>
/// The Trials page's list, 25 trials a page with the customer list's pager: 60 trials started (40 converted, 15 lost,
/// 5 still trialing), so "all trials started" has three pages and the step's count and the funnel stay whole on each.
/// </summary>
public sealed class TrialListPagingTests : DashboardTestContext
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public void Each_page_lists_its_25_trials_and_the_count_and_the_funnel_stay_those_of_the_whole_step()
    {
        var data = Funnel();
        var first = TrialFunnelModel.From(data, null, null, Href);
        var second = TrialFunnelModel.From(data, null, 2, Href);
        var last = TrialFunnelModel.From(data, null, 3, Href);

        Assert.Equal([25, 25, 10], new[] { first, second, last }.Select(m => m.PageRows.Count));
        Assert.Equal(Names(data.Funnel.Trials), first.PageRows.Concat(second.PageRows).Concat(last.PageRows).Select(r => r.Customer));
        Assert.All(new[] { first, second, last }, m =>
        {
            Assert.Equal(60, m.Rows.Count);
            Assert.Equal([60, 40, 15, 5], m.Steps.Select(s => s.Count));
            Assert.Equal(3, m.Pager.PageCount);
        });
        Assert.Equal("26–50 of 60", second.Pager.RangeText);
        Assert.Equal(("trials?step=started&page=1", "trials?step=started&page=3"), (second.Pager.PreviousHref, second.Pager.NextHref));
        Assert.Null(first.Pager.PreviousHref);
        Assert.Null(last.Pager.NextHref);
    }

    [Fact]
    public void A_step_pages_its_own_trials_and_a_page_past_the_end_shows_the_last()
    {
        var data = Funnel();

        var converted = TrialFunnelModel.From(data, "converted", 9, Href);

        Assert.Equal(2, converted.Pager.Page);
        Assert.Equal(15, converted.PageRows.Count);
        Assert.All(converted.PageRows, r => Assert.Equal("converted", r.OutcomeKey));
        Assert.Equal("26–40 of 40", converted.Pager.RangeText);
        Assert.Equal("trials?step=converted&page=1", converted.Pager.PreviousHref);
        Assert.Single(TrialFunnelModel.From(data, "trialing", null, Href).Pager.Links);
    }

    [Fact]
    public void The_pager_links_the_first_last_and_nearby_pages_and_disables_what_leads_nowhere()
    {
        var model = PagerModel.For(12, 25, 570, n => $"trials?page={n}");

        var pager = Render<Pager>(p => p.Add(c => c.Model, model).Add(c => c.TestId, "trial-pager").Add(c => c.Label, "Pages of trials"));

        var nav = pager.Find("nav[data-testid='trial-pager']");
        Assert.Equal(("Pages of trials", "12", "23"), (nav.GetAttribute("aria-label"), nav.GetAttribute("data-page"), nav.GetAttribute("data-page-count")));
        Assert.Equal(["1", "10", "11", "12", "13", "14", "23"], pager.FindAll("[data-testid='page-number']").Select(e => e.GetAttribute("data-page")));
        Assert.Equal("page", pager.Find("[aria-current]").GetAttribute("aria-current"));
        Assert.Equal("trials?page=13", pager.Find("[data-testid='page-next']").GetAttribute("href"));
        Assert.Equal("trials?page=11", pager.Find("[data-testid='page-previous']").GetAttribute("href"));
        Assert.Equal(2, pager.FindAll(".pager__gap").Count);
        Assert.Contains("276–300 of 570 · page 12 of 23", nav.TextContent, StringComparison.Ordinal);

        var lastPage = Render<Pager>(p => p.Add(c => c.Model, PagerModel.For(23, 25, 570, n => $"trials?page={n}")));
        Assert.Empty(lastPage.FindAll("[data-testid='page-next']"));
        Assert.Equal(2, lastPage.FindAll(".pager__link.is-disabled[aria-disabled='true']").Count);
        Assert.Contains("551–570 of 570", lastPage.Find("[data-testid='pager-range']").TextContent, StringComparison.Ordinal);
    }

    private static string Href(string? step, int page) => $"trials?step={step ?? "started"}&page={page}";

    private static IEnumerable<string> Names(IEnumerable<TrialEntry> trials) => trials.Select(t => t.Name!);

    private static TrialFunnelData Funnel()
    {
        var trials = Enumerable.Range(1, 60).Select(i =>
        {
            var outcome = i <= 40 ? TrialOutcome.Converted : i <= 55 ? TrialOutcome.Lost : TrialOutcome.Trialing;
            var started = Start.AddDays(i);
            return new TrialEntry(i, $"cus_{i}", $"Customer {i:00}", null, $"sub_{i}", "pro", started, outcome,
                outcome == TrialOutcome.Trialing ? null : started.AddDays(14), outcome == TrialOutcome.Converted ? 14 : null);
        }).ToList();
        return new TrialFunnelData(Start, Start.AddDays(90), Array.Empty<SegmentFilter>(), new TrialFunnel(Start, Start.AddDays(90), trials), "USD");
    }
}
