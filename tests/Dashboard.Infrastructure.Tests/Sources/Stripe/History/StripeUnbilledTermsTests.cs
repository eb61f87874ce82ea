using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe.History;

/// <summary>
/// Terms no invoice billed yet are priced from the subscription as Stripe serves it: its coupons, reached through the
/// array of discount ids the import expands (<c>data.discounts.source.coupon</c>), and all its items, also beyond the
/// ten a subscription embeds (read from <c>/v1/subscription_items</c>). Each subscription starts on 15 March 2024 with
/// its first invoice still a draft; the expected MRR (USD cents, end of January, February and March) is worked out by
/// hand.
/// </summary>
public sealed class StripeUnbilledTermsTests : IAsyncLifetime
{
    private static readonly long Jan1 = T("2024-01-01"), Mar15 = T("2024-03-15"), Apr15 = T("2024-04-15");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        stripe.Put("products", Product("prod_team", "Team", Jan1 - 100));
        stripe.Put("customers", Customer("cus_X", "x@example.com", "Xavier", "US", Jan1 - 10));
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    /// <summary>3 seats at $40 = $120 a month, 25 % off for ever: $30 off, so MRR is $90 and the discount $30.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_percent_off_coupon_discounts_terms_not_invoiced_yet(DatabaseProvider provider)
    {
        stripe.Put("coupons", Coupon("co_25", 25m, null, "forever", Jan1 - 50));
        PutSeats(3, discount: 3000);

        var engine = await ImportAsync(provider);

        Assert.Equal([0m, 0m, 9000m], Monthly(engine, "mrr"));
        Assert.Equal([0m, 0m, 3000m], Monthly(engine, "discounts_mrr"));
    }

    /// <summary>3 seats at $40 = $120 a month, $15 off for ever (an amount_off coupon in dollars): MRR $105, discount $15.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_amount_off_coupon_discounts_terms_not_invoiced_yet(DatabaseProvider provider)
    {
        stripe.Put("coupons", Coupon("co_25", null, 1500, "forever", Jan1 - 50));
        PutSeats(3, discount: 1500);

        var engine = await ImportAsync(provider);

        Assert.Equal([0m, 0m, 10_500m], Monthly(engine, "mrr"));
        Assert.Equal([0m, 0m, 1500m], Monthly(engine, "discounts_mrr"));
    }

    /// <summary>
    /// A $100 plan and 11 add-ons at $5 each: 12 items, of which the subscription embeds 10 (has_more). MRR is
    /// $100 + 11 × $5 = $155; the embedded ten alone would give $145.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_subscription_with_more_items_than_it_embeds_counts_them_all(DatabaseProvider provider)
    {
        var main = Price("price_main", "prod_team", 10_000, Jan1 - 90);
        var addOns = Enumerable.Range(1, 11).Select(i => Price($"price_addon_{i:D2}", "prod_team", 500, Jan1 - 80 + i)).ToArray();
        stripe.Put("prices", [main, .. addOns]);
        var items = new[] { Item("si_main", "sub_X", main, 1, Mar15, Apr15, Mar15) }
            .Concat(addOns.Select((p, i) => Item($"si_addon_{i + 1:D2}", "sub_X", p, 1, Mar15, Apr15, Mar15)))
            .ToArray();
        stripe.Put("subscriptions", Subscription("sub_X", "cus_X", "active", Mar15, items));
        stripe.Put("invoices", Invoice("in_draft", "cus_X", "sub_X", "draft", Mar15, Mar15, Mar15,
            items.Select(i => Line("il_" + (string)i["id"]!, "in_draft", "sub_X", (string)i["id"]!, (string)i["price"]!["id"]!,
                (long)i["price"]!["unit_amount"]!, 1, Mar15, Apr15)).ToArray()));

        var engine = await ImportAsync(provider);

        Assert.Equal([0m, 0m, 15_500m], Monthly(engine, "mrr"));
        Assert.True(stripe.RequestCount("v1/subscription_items") > 0);
    }

    /// <summary>sub_X on 3 seats at $40 from 15 March with discount di_X (coupon co_25), its first invoice a draft.</summary>
    private void PutSeats(int quantity, long discount)
    {
        var price = Price("price_seat", "prod_team", 4000, Jan1 - 80);
        stripe.Put("prices", price);
        stripe.Put("discounts", Discount("di_X", "co_25", "cus_X", "sub_X", Mar15));
        stripe.Put("subscriptions", Subscription("sub_X", "cus_X", "active", Mar15,
            [Item("si_X", "sub_X", price, quantity, Mar15, Apr15, Mar15)], discounts: ["di_X"]));
        stripe.Put("invoices", Invoice("in_draft", "cus_X", "sub_X", "draft", Mar15, Mar15, Mar15,
            Line("il_draft", "in_draft", "sub_X", "si_X", "price_seat", 4000L * quantity, quantity, Mar15, Apr15, discount: discount, discountId: "di_X")));
    }

    /// <summary>A full import against the fake, nothing refused, then the metrics engine over the store.</summary>
    private async Task<MetricsEngine> ImportAsync(DatabaseProvider provider)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri);
        var status = await harness.SyncAsync();
        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(0, status.Errors);
        Assert.Empty(stripe.Refusals);
        return MetricsEngine.Create(await harness.BillingSnapshotAsync());
    }

    private static decimal?[] Monthly(MetricsEngine engine, string metric) => engine
        .Query(new MetricQuery(metric, new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31), Interval.Month))
        .Points.Select(p => p.Value).ToArray();
}
