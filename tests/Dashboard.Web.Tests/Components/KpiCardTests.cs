using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Overview;

namespace Dashboard.Web.Tests.Components;

public sealed class KpiCardTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public async Task Money_card_shows_compact_amount_and_minor_units_as_data_value()
    {
        var card = Cards(mrrMinor: 1_234_567, activeCustomers: 100, churn: 4.2m).Single(c => c.Metric == "mrr");

        var document = await RenderAsync(card);

        var element = document.QuerySelector("[data-metric='mrr']")!;
        Assert.Equal("1234567", element.GetAttribute("data-value"));
        Assert.Equal("$12.3k", element.QuerySelector(".kpi-card__value")!.TextContent.Trim());
        Assert.Equal("MRR", element.QuerySelector(".kpi-card__title")!.TextContent.Trim());
    }

    [Fact]
    public async Task Percent_card_shows_one_decimal_and_the_plain_percent_number()
    {
        var card = Cards(mrrMinor: 600_000, activeCustomers: 10, churn: 4.2m).Single(c => c.Metric == "customer_churn_rate");

        var document = await RenderAsync(card);

        var element = document.QuerySelector("[data-metric='customer_churn_rate']")!;
        Assert.Equal("4.2", element.GetAttribute("data-value"));
        Assert.Equal("4.2 %", element.QuerySelector(".kpi-card__value")!.TextContent.Trim());
    }

    [Fact]
    public async Task Count_and_arpu_cards_carry_raw_values()
    {
        var cards = Cards(mrrMinor: 6_000, activeCustomers: 3, churn: null);

        var count = (await RenderAsync(cards.Single(c => c.Metric == "active_customers"))).QuerySelector(".kpi-card")!;
        var arpu = (await RenderAsync(cards.Single(c => c.Metric == "arpu"))).QuerySelector(".kpi-card")!;

        Assert.Equal("3", count.GetAttribute("data-value"));
        Assert.Equal("2000", arpu.GetAttribute("data-value"));
        Assert.Equal("$20.00", arpu.QuerySelector(".kpi-card__value")!.TextContent.Trim());
    }

    [Fact]
    public async Task Undefined_metric_shows_a_dash_and_an_empty_data_value()
    {
        var cards = Cards(mrrMinor: 0, activeCustomers: 0, churn: null);

        var churn = (await RenderAsync(cards.Single(c => c.Metric == "customer_churn_rate"))).QuerySelector(".kpi-card")!;
        var arpu = (await RenderAsync(cards.Single(c => c.Metric == "arpu"))).QuerySelector(".kpi-card")!;

        Assert.Equal(string.Empty, churn.GetAttribute("data-value"));
        Assert.Equal("–", churn.QuerySelector(".kpi-card__value")!.TextContent.Trim());
        Assert.Equal(string.Empty, arpu.GetAttribute("data-value"));
    }

    [Fact]
    public async Task Growth_shows_an_up_arrow_in_the_good_colour()
    {
        var card = Cards(mrrMinor: 11_000, activeCustomers: 3, churn: null, mrrBeforeMinor: 10_000).Single(c => c.Metric == "mrr");

        var delta = (await RenderAsync(card)).QuerySelector(".kpi-card__delta")!;

        Assert.Contains("kpi-card__delta--good", delta.ClassList);
        Assert.Equal("▲", delta.QuerySelector(".kpi-card__arrow")!.TextContent);
        Assert.Contains("10.0 %", delta.TextContent);
        Assert.Equal("10", delta.GetAttribute("data-delta"));
    }

    [Fact]
    public async Task Decline_shows_a_down_arrow_in_the_bad_colour()
    {
        var card = Cards(mrrMinor: 6_000, activeCustomers: 3, churn: null, mrrBeforeMinor: 7_000).Single(c => c.Metric == "mrr");

        var delta = (await RenderAsync(card)).QuerySelector(".kpi-card__delta")!;

        Assert.Contains("kpi-card__delta--bad", delta.ClassList);
        Assert.Equal("▼", delta.QuerySelector(".kpi-card__arrow")!.TextContent);
        Assert.Contains("14.3 %", delta.TextContent);
    }

    [Fact]
    public async Task No_earlier_value_means_no_arrow_but_a_caption()
    {
        var card = Cards(mrrMinor: 6_000, activeCustomers: 3, churn: null, mrrBeforeMinor: 0).Single(c => c.Metric == "mrr");

        var document = await RenderAsync(card);

        Assert.Null(document.QuerySelector(".kpi-card__delta"));
        Assert.Equal("Monthly recurring revenue", document.QuerySelector(".kpi-card__caption")!.TextContent.Trim());
    }

    private static Task<AngleSharp.Dom.IDocument> RenderAsync(KpiCardModel card) =>
        Markup.RenderAsync<KpiCard>(new Dictionary<string, object?> { ["Model"] = card });

    private static IReadOnlyList<KpiCardModel> Cards(long mrrMinor, int activeCustomers, decimal? churn, long? mrrBeforeMinor = null)
    {
        var model = new OverviewModel(
            "USD",
            Today,
            true,
            new MrrSnapshot(mrrMinor, activeCustomers),
            new MrrSnapshot(mrrBeforeMinor ?? mrrMinor, activeCustomers),
            churn,
            [new MrrPoint(new DateOnly(2026, 11, 1), mrrMinor)],
            []);
        return OverviewViewModel.From(model).Cards;
    }
}
