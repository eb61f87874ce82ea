using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using static Dashboard.Web.Tests.Features.Overview.OverviewTestData;

namespace Dashboard.Web.Tests.Features.Overview;

public sealed class OverviewViewModelTests
{
    [Fact]
    public void Growth_in_mrr_is_good_and_growth_in_churn_is_bad()
    {
        var view = View(new()
        {
            ["mrr"] = Values(10_000, 9_000, 11_000),
            ["customer_churn_rate"] = Values(4m, 3m, 5m),
            ["revenue_churn_rate"] = Values(5m, 6m, 4m),
        });

        var mrr = Card(view, "mrr").Delta!;
        var churn = Card(view, "customer_churn_rate").Delta!;
        var revenueChurn = Card(view, "revenue_churn_rate").Delta!;

        Assert.Equal((10m, KpiTone.Good, "▲"), (mrr.Amount, mrr.Tone, mrr.Arrow));
        // Rates change in points: churn 4 % -> 5 % is +1 point (not +25 %), revenue churn 5 % -> 4 % is -1 point.
        Assert.Equal((1m, KpiTone.Bad, "▲", "1.0 pts"), (churn.Amount, churn.Tone, churn.Arrow, churn.Text));
        Assert.Equal((-1m, KpiTone.Good, "▼", "1.0 pts"), (revenueChurn.Amount, revenueChurn.Tone, revenueChurn.Arrow, revenueChurn.Text));
        Assert.Equal(OverviewViewModel.DeltaCaption, mrr.Caption);
    }

    [Fact]
    public void Falling_mrr_is_bad_and_no_change_is_neutral()
    {
        var view = View(new() { ["mrr"] = Values(7_000, 6_000), ["active_customers"] = Values(3, 3) });

        Assert.Equal(KpiTone.Bad, Card(view, "mrr").Delta!.Tone);
        Assert.Equal("▼", Card(view, "mrr").Delta!.Arrow);
        Assert.Equal("14.3 %", Card(view, "mrr").Delta!.Text);
        Assert.Equal((KpiTone.Neutral, "■"), (Card(view, "active_customers").Delta!.Tone, Card(view, "active_customers").Delta!.Arrow));
    }

    [Fact]
    public void No_change_is_shown_from_zero_or_an_undefined_value()
    {
        var view = View(new()
        {
            ["mrr"] = Values(0, 6_000),
            ["arpu"] = Values(null, 2_000),
            ["ltv"] = Values(1_000, [null]),
        });

        Assert.Null(Card(view, "mrr").Delta);
        Assert.Null(Card(view, "arpu").Delta);
        Assert.Null(Card(view, "ltv").Delta);
        Assert.Equal("–", Card(view, "ltv").Display);
        Assert.Equal(string.Empty, Card(view, "ltv").RawValue);
    }

    [Fact]
    public void One_row_of_cards_has_one_format_and_the_raw_values()
    {
        var view = View(new()
        {
            ["mrr"] = Values(null, 1_234_567),
            ["arr"] = Values(null, 14_814_804),
            ["customer_churn_rate"] = Values(null, 4.2m),
            ["quick_ratio"] = Values(null, 3.3846m),
            ["active_customers"] = Values(null, 1_204),
        });

        // Amounts of 1,000 and more: the whole row in whole units (docs/ui.md, "Number format"), abbreviated only for phones.
        Assert.Equal(("$12,346", "1234567"), (Card(view, "mrr").Display, Card(view, "mrr").RawValue));
        Assert.Equal(("$148,148", "14814804"), (Card(view, "arr").Display, Card(view, "arr").RawValue));
        Assert.Equal(("$12.3k", "$148.1k"), (Card(view, "mrr").CompactDisplay, Card(view, "arr").CompactDisplay));
        Assert.Equal(("4.2 %", "4.2"), (Card(view, "customer_churn_rate").Display, Card(view, "customer_churn_rate").RawValue));
        Assert.Equal(("3.38", "3.3846"), (Card(view, "quick_ratio").Display, Card(view, "quick_ratio").RawValue));
        Assert.Equal(("1,204", "1204"), (Card(view, "active_customers").Display, Card(view, "active_customers").RawValue));
    }

    [Fact]
    public void At_phone_width_the_row_abbreviates_every_large_figure_with_one_decimal()
    {
        // The demo's row: MRR $79,000.00 read "$79k" beside ARR "$947.7k"; the row now reads $79.0k and $947.7k.
        var view = View(new()
        {
            ["mrr"] = Values(null, 7_900_000),
            ["arr"] = Values(null, 94_770_000),
            ["arpu"] = Values(null, 5_287),
            ["ltv"] = Values(null, 120_000_000),
            ["active_customers"] = Values(null, 1_500),
            ["net_revenue"] = Values(null, 10_100_000),
        });

        Assert.Equal(["$79.0k", "$947.7k", "$53", "$1.2M", "1,500", "$101.0k"],
            new[] { "mrr", "arr", "arpu", "ltv", "active_customers", "net_revenue" }.Select(m => Card(view, m).CompactDisplay));
        Assert.All(view.Cards, c => Assert.NotNull(c.CompactDisplay));
        Assert.All(view.Cards.Select(c => c.CompactDisplay!).Where(t => t.EndsWith('k') || t.EndsWith('M')),
            t => Assert.Matches(@"^-?\$\d+\.\d[kM]$", t));
    }

    [Fact]
    public void A_small_amount_in_a_row_of_large_ones_drops_its_cents_too()
    {
        var view = View(new()
        {
            ["mrr"] = Values(null, 7_931_240),
            ["arpu"] = Values(null, 5_287),
        });

        Assert.Equal(["$79,312", "$53"], new[] { Card(view, "mrr").Display, Card(view, "arpu").Display });
    }

    [Fact]
    public void A_row_of_small_amounts_keeps_every_cent()
    {
        var view = View(new()
        {
            ["mrr"] = Values(null, 95_000),
            ["arpu"] = Values(null, 5_287),
        });

        Assert.Equal(["$950.00", "$52.87"], new[] { Card(view, "mrr").Display, Card(view, "arpu").Display });
    }

    [Fact]
    public void Sparkline_spreads_the_buckets_and_puts_the_highest_value_on_top()
    {
        var view = View(new() { ["mrr"] = Values(null, 5_000, 10_000, null, 7_500) });

        var points = Card(view, "mrr").Sparkline!.Points;

        Assert.Equal(3, points.Count); // the undefined bucket leaves a gap
        Assert.Equal([0d, 100d / 3, 100d], points.Select(p => p.X));
        Assert.Equal(Sparkline.Height - 2, points[0].Y); // lowest at the bottom
        Assert.Equal(2, points[1].Y); // highest at the top
        Assert.Equal(Sparkline.Height / 2, points[2].Y, 6);
        Assert.Equal("0,30 33.33,2 100,16", Card(view, "mrr").Sparkline!.SvgPoints);
    }

    [Fact]
    public void A_flat_series_draws_a_flat_line_in_the_middle()
    {
        var line = Sparkline.From([3m, 3m, 3m]);

        Assert.All(line.Points, p => Assert.Equal(Sparkline.Height / 2, p.Y));
        Assert.Empty(Sparkline.From([null, null]).Points);
    }

    [Fact]
    public void Cards_link_to_their_metric_page_with_the_same_view()
    {
        var state = new MetricViewState { Range = RangePreset.Last30Days, Interval = Core.Metrics.Interval.Day, Filters = ["country:eq:DE"], SegmentId = 3 };

        var view = OverviewViewModel.From(Build(new() { ["mrr"] = Values(null, 1) }), state);

        Assert.Equal("metrics/mrr?range=30d&interval=day&filter=country%3Aeq%3ADE&segment_id=3", Card(view, "mrr").Href);
        Assert.Equal(OverviewMetrics.Cards.Select(c => "metrics/" + c.Metric + "?" + state.ToQueryString()), view.Cards.Select(c => c.Href));
    }

    [Fact]
    public void Movements_stack_up_and_down_from_zero_and_sum_to_net_new_mrr()
    {
        var view = View(new()
        {
            ["mrr"] = Values(null, 10_000, 12_500),
            ["new_mrr"] = Values(null, 3_000, 2_000),
            ["expansion_mrr"] = Values(null, 1_000, 1_500),
            ["reactivation_mrr"] = Values(null, 0, 500),
            ["contraction_mrr"] = Values(null, -500, -200),
            ["churned_mrr"] = Values(null, -1_500, -1_300),
            ["net_new_mrr"] = Values(null, 2_000, 2_500),
        });

        var chart = view.Chart;

        Assert.All(chart.Buckets, b => Assert.Equal(b.NetNewMinor, b.MovementsSum));
        var first = chart.Buckets[0].Movements.ToDictionary(m => m.Metric);
        // New sits on zero, expansion on top of it; contraction hangs from zero, churn below it.
        Assert.Equal(chart.ZeroY, first["new_mrr"].Top + first["new_mrr"].Height, 6);
        Assert.Equal(first["new_mrr"].Top, first["expansion_mrr"].Top + first["expansion_mrr"].Height, 6);
        Assert.Equal(chart.ZeroY, first["contraction_mrr"].Top, 6);
        Assert.Equal(first["contraction_mrr"].Top + first["contraction_mrr"].Height, first["churned_mrr"].Top, 6);
        Assert.Equal(3 * first["contraction_mrr"].Height, first["churned_mrr"].Height, 6);
        Assert.Equal("2026-09-01=10000;2026-10-01=12500", chart.Series);
        Assert.Equal("12500", chart.Value);
        Assert.True(chart.Buckets[1].MrrY < chart.Buckets[0].MrrY, "More MRR is drawn higher.");
    }

    [Theory]
    [InlineData(0, 730, 0, 800, 200)]
    [InlineData(-1_234, 5_678, -2000, 6000, 2000)]
    [InlineData(0, 0, 0, 100, 50)]
    public void Axis_ranges_are_round(long low, long high, long expectedLow, long expectedHigh, long expectedStep)
    {
        var (rangeLow, rangeHigh, step) = MrrChartModel.NiceRange(low, high);

        Assert.Equal((expectedLow, expectedHigh, expectedStep), ((long)rangeLow, (long)rangeHigh, (long)step));
    }

    private static OverviewViewModel View(Dictionary<string, (decimal?[] Values, decimal?[]? Previous)> metrics) =>
        OverviewViewModel.From(Build(metrics), new MetricViewState());

    private static KpiCardModel Card(OverviewViewModel view, string metric) => view.Cards.Single(c => c.Metric == metric);
}
