using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Features.Overview;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>The Overview's numbers from a real (SQLite) store, checked against metrics.md by hand.</summary>
public sealed class OverviewQueryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Empty_store_has_no_data()
    {
        var model = await QueryAsync(new BillingBuilder(), months: 3);

        Assert.False(model.HasData);
        Assert.Equal(3, model.MrrSeries.Count);
        Assert.Equal(Today, model.AsOf);
    }

    [Fact]
    public async Task Kpis_of_three_paying_customers_one_churned_and_one_trial()
    {
        var data = new BillingBuilder();
        var basic = data.Plan("basic", 1_000);
        var pro = data.Plan("pro", 2_000);
        var business = data.Plan("business", 3_000);
        data.Subscribe(data.Customer("a"), basic, Now.AddDays(-300));
        data.Subscribe(data.Customer("b"), pro, Now.AddDays(-200));
        data.Subscribe(data.Customer("c"), business, Now.AddDays(-100));
        data.Subscribe(data.Customer("d"), basic, Now.AddDays(-250), canceledAt: Now.AddDays(-10));
        data.Subscribe(data.Customer("e"), pro, Now.AddDays(-7), trialEnd: Now.AddDays(7));

        var model = await QueryAsync(data, months: 12);

        Assert.True(model.HasData);
        Assert.Equal(new MrrSnapshot(6_000, 3), model.Today);
        Assert.Equal(2_000, model.Today.ArpuMinor);
        Assert.Equal(new MrrSnapshot(7_000, 4), model.ThirtyDaysAgo);
        Assert.Equal(25m, model.CustomerChurnRate);
        Assert.Equal(12, model.MrrSeries.Count);
        Assert.Equal(new MrrPoint(new DateOnly(2026, 11, 1), 6_000), model.MrrSeries[^1]);
        Assert.Equal(new MrrPoint(new DateOnly(2026, 10, 1), 7_000), model.MrrSeries[^2]);
        Assert.Equal(new MrrPoint(new DateOnly(2025, 12, 1), 0), model.MrrSeries[0]);
        Assert.Empty(model.Problems);
    }

    [Theory]
    [InlineData(12_000, BillingInterval.Year, 1, 1_000)] // $120/year -> $10.00
    [InlineData(1_000, BillingInterval.Week, 1, 4_333)] // $10/week -> $43.33
    [InlineData(3_000, BillingInterval.Month, 3, 1_000)] // $30 every 3 months -> $10.00
    [InlineData(100, BillingInterval.Day, 1, 3_042)] // $1/day -> $30.42
    public async Task Billing_periods_are_normalised_to_a_month(long amountMinor, BillingInterval interval, int intervalCount, long expectedMrrMinor)
    {
        var data = new BillingBuilder();
        data.Subscribe(data.Customer("a"), data.Plan("p", amountMinor, interval, intervalCount), Now.AddDays(-40));

        var model = await QueryAsync(data);

        Assert.Equal(expectedMrrMinor, model.Today.MrrMinor);
    }

    [Fact]
    public async Task Quantity_add_ons_and_discounts_count_and_a_free_subscription_is_not_active()
    {
        var data = new BillingBuilder();
        var seat = data.Plan("seat", 1_000);
        data.Subscribe(data.Customer("a"), seat, Now.AddDays(-40), quantity: 3, discountMinor: 500,
            addOns: new SubscriptionAddOn { ExternalId = "support", AmountMinor = 2_000, Quantity = 1 });
        data.Subscribe(data.Customer("free"), seat, Now.AddDays(-40), discountMinor: 1_000);

        var model = await QueryAsync(data);

        Assert.Equal(new MrrSnapshot(3 * 1_000 + 2_000 - 500, 1), model.Today);
    }

    [Fact]
    public async Task Upgrades_change_mrr_from_their_effective_time_and_past_due_churns_after_30_days()
    {
        var data = new BillingBuilder();
        var basic = data.Plan("basic", 1_000);
        var pro = data.Plan("pro", 5_000);
        var upgraded = data.Subscribe(data.Customer("a"), basic, Now.AddDays(-90));
        data.Change(upgraded, pro, Now.AddDays(-5));
        var late = data.Subscribe(data.Customer("b"), basic, Now.AddDays(-90));
        data.Change(late, basic, Now.AddDays(-45), status: SubscriptionStatus.PastDue);
        var recentlyLate = data.Subscribe(data.Customer("c"), basic, Now.AddDays(-90));
        data.Change(recentlyLate, basic, Now.AddDays(-3), status: SubscriptionStatus.PastDue);

        var model = await QueryAsync(data);

        Assert.Equal(new MrrSnapshot(5_000 + 1_000, 2), model.Today);
        Assert.Equal(new MrrSnapshot(1_000 + 1_000 + 1_000, 3), model.ThirtyDaysAgo);
        Assert.Equal(100m / 3, model.CustomerChurnRate);
    }

    [Fact]
    public async Task Foreign_currency_is_converted_at_the_rate_of_the_states_day_and_a_missing_rate_is_reported()
    {
        var data = new BillingBuilder();
        var euro = data.Plan("euro", 1_000, currency: "EUR");
        var pound = data.Plan("pound", 1_000, currency: "GBP");
        data.Subscribe(data.Customer("a"), euro, Now.AddDays(-20));
        data.Subscribe(data.Customer("b"), pound, Now.AddDays(-20));
        data.Rate(DateOnly.FromDateTime(Now.AddDays(-25).UtcDateTime), "EUR", 1.10m);
        data.Rate(DateOnly.FromDateTime(Now.AddDays(-21).UtcDateTime), "EUR", 1.20m);
        data.Rate(DateOnly.FromDateTime(Now.AddDays(-10).UtcDateTime), "EUR", 1.50m);

        var model = await QueryAsync(data);

        Assert.Equal(new MrrSnapshot(1_200, 1), model.Today);
        var problem = Assert.Single(model.Problems);
        Assert.StartsWith("1 subscription(s) billed in GBP are left out", problem);
    }

    private async Task<OverviewModel> QueryAsync(BillingBuilder data, int months = 12)
    {
        await using (var context = database.CreateContext())
        {
            await data.SaveAsync(context);
        }

        var query = new OverviewQuery(database.CreateFactory(), ReportingOptions.Default, new FixedTimeProvider(Now));
        return await query.GetOverviewAsync(months, CancellationToken.None);
    }
}
