using Bunit;
using Dashboard.Core.Forecasts;
using Dashboard.Core.Segments;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>
/// The Overview's forecast card over <see cref="KnownStore"/>: the figures are <see cref="ForecastService"/>'s for the
/// Overview's filters (the service behind <c>GET /api/v1/metrics/forecast</c>), with their range, and a view with too
/// little history says what a forecast needs.
/// </summary>
public sealed class OverviewForecastCardTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private readonly KnownStore store;

    public OverviewForecastCardTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    [Fact]
    public async Task The_card_shows_the_services_forecast_twelve_months_out_with_its_range()
    {
        var expected = (await ForecastAsync([])).Points[^1];

        var card = OpenCard("?range=12m");

        Assert.Equal("true", card.GetAttribute("data-has-forecast"));
        var mrr = card.QuerySelector("[data-metric='mrr']")!;
        Assert.Equal([expected.Mrr.ToString(), expected.MrrLow.ToString(), expected.MrrHigh.ToString()], Forecast(mrr));
        var customers = card.QuerySelector("[data-metric='active_customers']")!;
        Assert.Equal([expected.Customers.ToString(), expected.CustomersLow.ToString(), expected.CustomersHigh.ToString()], Forecast(customers));
        // KnownStore: B's $20 in May and C's $30 in August over six months; nobody left. Oct 2027 is 12 months after October.
        Assert.Equal(["17000", "7000", "43000"], Forecast(mrr));
        Assert.Equal("$170.00", mrr.QuerySelector(".overview-forecast__value")!.TextContent.Trim());
        Assert.Equal("range $70.00 – $430.00", mrr.QuerySelector("[data-testid='overview-forecast-range']")!.TextContent.Trim());
        Assert.Equal("range 4 – 16", customers.QuerySelector("[data-testid='overview-forecast-range']")!.TextContent.Trim());
        Assert.Contains("By the end of Oct 2027", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("last 6 complete months (May 2026 – Oct 2026)", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("metrics/mrr?range=12m#forecast-title", card.QuerySelector("[data-testid='overview-forecast-link']")!.GetAttribute("href"));
        Assert.Empty(card.QuerySelectorAll("[data-testid='overview-forecast-empty']"));
    }

    [Fact]
    public async Task The_card_follows_the_overviews_filters()
    {
        var filters = new[] { SegmentFilter.Parse("plan:eq:pro") };
        var expected = (await ForecastAsync(filters)).Points[^1];

        var card = OpenCard("?range=12m&filter=plan%3Aeq%3Apro");

        Assert.Equal([expected.Mrr.ToString(), expected.MrrLow.ToString(), expected.MrrHigh.ToString()],
            Forecast(card.QuerySelector("[data-metric='mrr']")!));
        Assert.NotEqual("17000", expected.Mrr.ToString());
        Assert.Equal("metrics/mrr?range=12m&filter=plan%3Aeq%3Apro#forecast-title",
            card.QuerySelector("[data-testid='overview-forecast-link']")!.GetAttribute("href"));
    }

    [Fact]
    public void Too_little_history_shows_what_a_forecast_needs_instead_of_figures()
    {
        // Only C is on business, paying since August: September and October start with MRR, two of the three needed.
        var card = OpenCard("?range=12m&filter=plan%3Aeq%3Abusiness");

        Assert.Equal("false", card.GetAttribute("data-has-forecast"));
        Assert.Empty(card.QuerySelectorAll("[data-forecast-value]"));
        Assert.Equal(
            "A forecast needs at least 3 complete months that start with paying customers; there are 2 in the last 6 (May 2026 – Oct 2026) for this view.",
            card.QuerySelector("[data-testid='overview-forecast-empty']")!.TextContent.Trim());
    }

    [Fact]
    public void A_group_with_an_amount_of_a_thousand_or_more_drops_the_cents()
    {
        // $5,000 of MRR that never moves, and $1,000, $1,200 and $1,400 of new MRR in three months: the forecast adds
        // their $1,200 average twelve times, the range the worst and the best month's.
        var month = new ForecastMonth(new DateOnly(2026, 8, 1), 500_000, 100_000, 0, 0, 0, 0, 10, 2, 0, 0);
        var forecast = ForecastCalculator.Project("USD", new DateOnly(2026, 10, 31), 500_000, 10,
            [month, month with { Month = new DateOnly(2026, 9, 1), NewMrr = 120_000 }, month with { Month = new DateOnly(2026, 10, 1), NewMrr = 140_000 }]);

        var card = Render<OverviewForecastCard>(p => p.Add(c => c.Model, OverviewForecastModel.From(forecast, string.Empty)));

        var mrr = card.Find("[data-metric='mrr']");
        Assert.Equal("$19,400", mrr.QuerySelector(".overview-forecast__value")!.TextContent.Trim());
        Assert.Equal("range $17,000 – $21,800", mrr.QuerySelector("[data-testid='overview-forecast-range']")!.TextContent.Trim());
        Assert.Equal("34", card.Find("[data-metric='active_customers'] .overview-forecast__value").TextContent.Trim());
        Assert.Equal("metrics/mrr#forecast-title", card.Find("[data-testid='overview-forecast-link']").GetAttribute("href"));
    }

    private async Task<Forecast> ForecastAsync(IReadOnlyList<SegmentFilter> filters)
    {
        await using var scope = store.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ForecastService>()
            .ForecastAsync(filters, EngineForecast.DefaultHistoryMonths, CancellationToken.None);
    }

    private AngleSharp.Dom.IElement OpenCard(string query)
    {
        Open(query);
        var page = RenderPage<OverviewPage>();
        return page.WaitForElement("[data-testid='overview-forecast']");
    }

    private static string[] Forecast(AngleSharp.Dom.IElement figure) =>
        [.. new[] { "data-forecast-value", "data-forecast-low", "data-forecast-high" }.Select(a => figure.GetAttribute(a) ?? string.Empty)];
}
