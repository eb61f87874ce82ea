using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using static Dashboard.Web.Tests.Features.Overview.OverviewTestData;

namespace Dashboard.Web.Tests.Components;

/// <summary>A KPI card rendered from its model: value, change, caption, link and sparkline.</summary>
public sealed class KpiCardTests : DashboardTestContext
{
    [Fact]
    public void Money_card_shows_whole_units_with_the_compact_form_for_phones_and_minor_units_as_data_value()
    {
        var element = Render("mrr", Values(null, 1_000_000, 1_234_567));

        Assert.Equal("mrr", element.GetAttribute("data-metric"));
        Assert.Equal("1234567", element.GetAttribute("data-value"));
        Assert.Equal("$12,346", element.QuerySelector(".kpi-card__full")!.TextContent.Trim());
        var compact = element.QuerySelector(".kpi-card__compact")!;
        Assert.Equal("$12.3k", compact.TextContent.Trim());
        Assert.Equal("true", compact.GetAttribute("aria-hidden"));
        Assert.Equal("MRR", element.QuerySelector(".kpi-card__title")!.TextContent.Trim());
    }

    [Fact]
    public void Percent_card_shows_one_decimal_and_the_plain_percent_number()
    {
        var element = Render("customer_churn_rate", Values(null, 4.2m));

        Assert.Equal("4.2", element.GetAttribute("data-value"));
        Assert.Equal("4.2 %", element.QuerySelector(".kpi-card__value")!.TextContent.Trim());
        Assert.Equal("Customer churn", element.QuerySelector(".kpi-card__title")!.TextContent.Trim());
    }

    [Fact]
    public void Undefined_metric_shows_a_dash_and_an_empty_data_value()
    {
        var element = Render("ltv", Values(null, [null]));

        Assert.Equal(string.Empty, element.GetAttribute("data-value"));
        Assert.Equal("–", element.QuerySelector(".kpi-card__value")!.TextContent.Trim());
        Assert.Null(element.QuerySelector(".kpi-card__delta"));
        Assert.Null(element.QuerySelector(".kpi-card__sparkline"));
    }

    [Fact]
    public void Growth_shows_an_up_arrow_in_the_good_colour()
    {
        var delta = (Render("mrr", Values(10_000, 11_000))).QuerySelector(".kpi-card__delta")!;

        Assert.Contains("kpi-card__delta--good", delta.ClassList);
        Assert.Equal("▲", delta.QuerySelector(".kpi-card__arrow")!.TextContent);
        Assert.Equal("up", delta.QuerySelector(".visually-hidden")!.TextContent);
        Assert.Contains("10.0 %", delta.TextContent);
        Assert.Equal(("10", "percent"), (delta.GetAttribute("data-delta"), delta.GetAttribute("data-delta-unit")));
    }

    [Fact]
    public void Decline_shows_a_down_arrow_in_the_bad_colour()
    {
        var delta = (Render("mrr", Values(7_000, 6_000))).QuerySelector(".kpi-card__delta")!;

        Assert.Contains("kpi-card__delta--bad", delta.ClassList);
        Assert.Equal("▼", delta.QuerySelector(".kpi-card__arrow")!.TextContent);
        Assert.Contains("14.3 %", delta.TextContent);
    }

    [Fact]
    public void Rising_churn_shows_an_up_arrow_in_the_bad_colour()
    {
        var delta = (Render("customer_churn_rate", Values(2m, 3m))).QuerySelector(".kpi-card__delta")!;

        Assert.Contains("kpi-card__delta--bad", delta.ClassList);
        Assert.Equal("▲", delta.QuerySelector(".kpi-card__arrow")!.TextContent);
        Assert.Contains("1.0 pts", delta.TextContent); // 2 % -> 3 % is one point
        Assert.Equal(("1", "points"), (delta.GetAttribute("data-delta"), delta.GetAttribute("data-delta-unit")));
    }

    [Fact]
    public void No_earlier_value_means_no_arrow_but_a_caption()
    {
        var element = Render("mrr", Values(0, 6_000));

        Assert.Null(element.QuerySelector(".kpi-card__delta"));
        Assert.Equal("At the end of Sep 30, 2026", element.QuerySelector(".kpi-card__period")!.TextContent.Trim());
        var none = element.QuerySelector("[data-testid='kpi-no-comparison']")!;
        Assert.Equal("no comparable period", none.TextContent.Trim());
        Assert.Contains("was zero", none.GetAttribute("title"));
    }

    [Fact]
    public void A_previous_period_starting_before_the_data_shows_no_change_but_no_comparable_period_and_why()
    {
        var data = Build(new Dictionary<string, (decimal?[] Values, decimal?[]? Previous)> { ["revenue_churn_rate"] = Values(15_342.76m, 50m, 77m) });
        var late = data with { FirstDataDay = data.Start.AddDays(-10) };

        var cut = Render<KpiCard>(p => p.Add(c => c.Model, OverviewViewModel.Card(late, "revenue_churn_rate", KpiTone.Bad, null))).Find(".kpi-card");
        var covered = Render<KpiCard>(p => p.Add(c => c.Model, OverviewViewModel.Card(data, "revenue_churn_rate", KpiTone.Bad, null))).Find(".kpi-card");

        Assert.Null(cut.QuerySelector(".kpi-card__delta"));
        var none = cut.QuerySelector("[data-testid='kpi-no-comparison']")!;
        Assert.Equal("no comparable period", none.TextContent.Trim());
        Assert.Contains("starts before the first day with data (Aug 22, 2026)", none.GetAttribute("title"));
        Assert.NotNull(covered.QuerySelector(".kpi-card__delta"));
        Assert.Null(covered.QuerySelector("[data-testid='kpi-no-comparison']"));
    }

    [Fact]
    public void A_partial_last_bucket_is_drawn_dashed_and_named_so_far()
    {
        var today = new DateOnly(2026, 11, 7);
        var card = OverviewViewModel.Card(Months(today, [100, 300, 20]) with { Today = today }, "net_revenue", KpiTone.Good, null);

        var sparkline = Render<KpiCard>(p => p.Add(c => c.Model, card)).Find("svg.kpi-card__sparkline");

        Assert.Equal("true", sparkline.GetAttribute("data-partial"));
        Assert.Equal("img", sparkline.GetAttribute("role"));
        Assert.Equal("Monthly values, Sep 2026 to Nov 1–7, so far", sparkline.GetAttribute("aria-label"));
        Assert.Equal("0,22 50,2", sparkline.QuerySelector("polyline")!.GetAttribute("points"));
        var partial = sparkline.QuerySelector("line.kpi-card__spark-partial")!;
        Assert.Equal(("50", "2", "100", "30"), (partial.GetAttribute("x1"), partial.GetAttribute("y1"), partial.GetAttribute("x2"), partial.GetAttribute("y2")));
    }

    [Fact]
    public void A_complete_last_bucket_is_drawn_solid()
    {
        var end = new DateOnly(2026, 11, 30);
        var card = OverviewViewModel.Card(Months(end, [100, 300, 20]) with { Today = new DateOnly(2026, 12, 7) }, "net_revenue", KpiTone.Good, null);

        var sparkline = Render<KpiCard>(p => p.Add(c => c.Model, card)).Find("svg.kpi-card__sparkline");

        Assert.Equal("false", sparkline.GetAttribute("data-partial"));
        Assert.Equal("Monthly values, Sep 2026 to Nov 2026", sparkline.GetAttribute("aria-label"));
        Assert.Equal("0,22 50,2 100,30", sparkline.QuerySelector("polyline")!.GetAttribute("points"));
        Assert.Null(sparkline.QuerySelector("line.kpi-card__spark-partial"));
    }

    /// <summary>Net revenue by month from Sep 1, 2026 to <paramref name="end"/> (the last month cut there).</summary>
    private static OverviewData Months(DateOnly end, decimal?[] values)
    {
        var points = values.Select((v, i) => new MetricPoint(
            FirstMonth.AddMonths(i),
            i == values.Length - 1 ? end : FirstMonth.AddMonths(i + 1).AddDays(-1),
            v)).ToList();
        var series = new MetricSeries("net_revenue", MetricUnit.Money, "USD", Interval.Month, points);
        return new OverviewData("USD", FirstMonth, end, Interval.Month, true, new Dictionary<string, MetricSeries> { ["net_revenue"] = series }, []);
    }

    [Fact]
    public void Card_links_to_its_metric_page_and_draws_a_sparkline()
    {
        var element = Render("net_revenue", Values(null, 100, 300, 200));

        Assert.Equal("metrics/net_revenue?range=12m&interval=month", element.QuerySelector("a.kpi-card__link")!.GetAttribute("href"));
        var sparkline = element.QuerySelector("svg.kpi-card__sparkline")!;
        Assert.Equal("3", sparkline.GetAttribute("data-points"));
        Assert.Equal("0,30 50,2 100,16", sparkline.QuerySelector("polyline")!.GetAttribute("points"));
    }

    [Fact]
    public void A_flow_metric_card_shows_the_total_over_the_range_and_says_so()
    {
        var element = Render("net_revenue", Values(null, 100, 300));

        Assert.Equal("400", element.GetAttribute("data-value"));
        Assert.Equal("$4.00", element.QuerySelector(".kpi-card__full")!.TextContent.Trim());
        Assert.Equal("$4", element.QuerySelector(".kpi-card__compact")!.TextContent.Trim());
        Assert.Equal("Total, Sep 1 – Oct 31, 2026", element.QuerySelector(".kpi-card__period")!.TextContent.Trim());
        Assert.Null(element.QuerySelector(".kpi-card__delta"));
    }

    [Fact]
    public void A_range_ending_today_says_today_on_every_kind_of_card()
    {
        var data = Build(new Dictionary<string, (decimal?[] Values, decimal?[]? Previous)>
        {
            ["mrr"] = Values(null, 1_000, 2_000),
            ["net_revenue"] = Values(500, 100, 300),
            ["customer_churn_rate"] = Values(null, 2m, 3m),
        });
        var today = data.End;
        var view = OverviewViewModel.From(new OverviewData(data.Currency, data.Start, data.End, data.Interval, true, data.Series, []) { Today = today, FirstDataDay = data.FirstDataDay, Bases = data.Bases },
            new MetricViewState());

        string Period(string metric) =>
            Render<KpiCard>(p => p.Add(c => c.Model, view.Cards.Single(c => c.Metric == metric))).Find(".kpi-card__period").TextContent.Trim();

        Assert.Equal("Today", Period("mrr"));
        Assert.Equal("Total, Sep 1, 2026 – today", Period("net_revenue"));
        Assert.Equal("Over Sep 1, 2026 – today", Period("customer_churn_rate"));
        var revenue = Render<KpiCard>(p => p.Add(c => c.Model, view.Cards.Single(c => c.Metric == "net_revenue")));
        Assert.Equal("-20", revenue.Find(".kpi-card__delta").GetAttribute("data-delta")); // 400 against 500
        Assert.Contains("vs previous period", revenue.Find(".kpi-card__footer").TextContent);
    }

    [Fact]
    public void A_new_model_renders_the_new_value_and_change_in_place()
    {
        var cut = Render<KpiCard>(p => p.Add(c => c.Model, Card("mrr", Values(10_000, 11_000))));
        Assert.Contains("kpi-card__delta--good", cut.Find(".kpi-card__delta").ClassList);

        cut.Render(p => p.Add(c => c.Model, Card("mrr", Values(7_000, 6_000))));

        Assert.Equal("6000", cut.Find(".kpi-card").GetAttribute("data-value"));
        Assert.Contains("kpi-card__delta--bad", cut.Find(".kpi-card__delta").ClassList);
        Assert.Equal("▼", cut.Find(".kpi-card__arrow").TextContent);
    }

    private IElement Render(string metric, (decimal?[] Values, decimal?[]? Previous) values) =>
        Render<KpiCard>(p => p.Add(c => c.Model, Card(metric, values))).Find(".kpi-card");

    private static KpiCardModel Card(string metric, (decimal?[] Values, decimal?[]? Previous) values) =>
        OverviewViewModel.From(Build(new Dictionary<string, (decimal?[] Values, decimal?[]? Previous)> { [metric] = values }), new MetricViewState())
            .Cards.Single(c => c.Metric == metric);
}
