using System.Text.Json.Nodes;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe.History;

/// <summary>
/// Each period's recurring amount comes from its invoice lines (after discounts, without tax, in the invoice's
/// currency); the price only prices terms no invoice billed yet. One subscription per test, imported in full from the
/// strict fake; the expected MRR (USD cents, end of January, February and March 2024) is worked out by hand.
/// </summary>
public sealed class StripeAmountTests : IAsyncLifetime
{
    private static readonly long Jan1 = T("2024-01-01"), Feb1 = T("2024-02-01"), Mar1 = T("2024-03-01"), Mar15 = T("2024-03-15"), Apr1 = T("2024-04-01");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        stripe.Put("products", Product("prod_team", "Team", Jan1 - 100), Product("prod_setup", "Setup", Jan1 - 100));
        stripe.Put("customers", Customer("cus_X", "x@example.com", "Xavier", "FR", Jan1 - 10));
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    /// <summary>
    /// Graduated tiers: units 1-5 at $10 plus a $20 flat fee, 6-10 at $8, beyond at $5. 12 seats:
    /// 20 + 5 × 10 + 5 × 8 + 2 × 5 = $120 a month, as both invoices bill it. (Today's code: the price has no unit_amount → $0.)
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_graduated_tiered_price_counts_what_its_invoices_bill(DatabaseProvider provider)
    {
        var price = TieredPrice("price_grad", "prod_team", Jan1 - 80, "graduated", (5, 1000, 2000), (10, 800, 0), (null, 500, 0));
        PutMonthly(price, 12, (Jan1, 12_000), (Feb1, 12_000));

        Assert.Equal([12_000m, 12_000m, 12_000m], await MonthlyMrrAsync(provider));
    }

    /// <summary>Volume tiers: up to 10 seats $9 each, more than 10 all at $7. 15 seats: 15 × 7 = $105 a month.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_volume_tiered_price_counts_what_its_invoices_bill(DatabaseProvider provider)
    {
        var price = TieredPrice("price_vol", "prod_team", Jan1 - 80, "volume", (10, 900, 0), (null, 700, 0));
        PutMonthly(price, 15, (Jan1, 10_500), (Feb1, 10_500));

        Assert.Equal([10_500m, 10_500m, 10_500m], await MonthlyMrrAsync(provider));
    }

    /// <summary>
    /// A euro subscription on a price whose default is $20 and whose <c>currency_options</c> say €18: its invoices bill
    /// €18, so MRR is €18 at 1.10 = $19.80. (Today's code: the price's $20.)
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_subscription_in_another_currency_of_its_price_counts_in_that_currency(DatabaseProvider provider)
    {
        var price = MultiCurrencyPrice("price_multi", "prod_team", 2000, Jan1 - 80, ("eur", 1800));
        PutMonthly(price, 1, (Jan1, 1800), (Feb1, 1800), currency: "eur");

        Assert.Equal([1980m, 1980m, 1980m], await MonthlyMrrAsync(provider));
    }

    /// <summary>
    /// A tax-inclusive price of €120 (20 % VAT inside) with 10 % off: each invoice line is 120, discount 12, tax 18 on a
    /// taxable 90. MRR is the €90 without tax, at 1.10 = $99; the discount without tax is €10 = $11. (Today's code: the
    /// price's 120 less the 12 discount, tax included.)
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_tax_inclusive_price_counts_without_its_tax(DatabaseProvider provider)
    {
        var price = Price("price_incl", "prod_team", 12_000, Jan1 - 80, currency: "eur", taxBehavior: "inclusive");
        stripe.Put("coupons", Coupon("co_10", 10m, null, "forever", Jan1 - 50));
        stripe.Put("discounts", Discount("di_X", "co_10", "cus_X", "sub_X", Jan1));
        PutMonthly(price, 1, (Jan1, 12_000), (Feb1, 12_000), currency: "eur", discount: 1200, taxes: [(1800, "inclusive", 9000)], discounts: ["di_X"]);

        var engine = await ImportAsync(provider);

        Assert.Equal([9900m, 9900m, 9900m], Monthly(engine, "mrr"));
        Assert.Equal([1100m, 1100m, 1100m], Monthly(engine, "discounts_mrr"));
    }

    /// <summary>
    /// A price of 33.3333 cents a seat (<c>unit_amount_decimal</c>) for 30 seats: 999.999 cents, rounded once to $10.00
    /// on the invoice. (Today's code: 33 cents × 30 = $9.90.)
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_decimal_unit_amount_is_rounded_once_for_the_quantity(DatabaseProvider provider)
    {
        var price = DecimalPrice("price_dec", "prod_team", "33.3333", Jan1 - 80);
        PutMonthly(price, 30, (Jan1, 1000), (Feb1, 1000), unitAmountDecimal: "33.3333");

        Assert.Equal([1000m, 1000m, 1000m], await MonthlyMrrAsync(provider));
    }

    /// <summary>
    /// $50 off the first invoice (a coupon applied to the whole invoice) spread by Stripe over its lines in proportion:
    /// 15 seats on the volume price above ($105) take $35, the one-time $45 setup fee takes $15. January's MRR is the
    /// seats' $105 less their $35 share = $70 (the setup fee and its share are not recurring); from February $105.
    /// (Today's code: the tiered seats count $0, so MRR is $0.)
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_invoice_level_discount_counts_only_the_share_spread_on_the_recurring_lines(DatabaseProvider provider)
    {
        var price = TieredPrice("price_vol", "prod_team", Jan1 - 80, "volume", (10, 900, 0), (null, 700, 0));
        var setup = Price("price_setup", "prod_setup", 4500, Jan1 - 80);
        setup["recurring"] = null;
        setup["type"] = "one_time";
        stripe.Put("prices", price, setup);
        stripe.Put("coupons", Coupon("co_50", null, 5000, "once", Jan1 - 50));
        stripe.Put("subscriptions", Subscription("sub_X", "cus_X", "active", Jan1, [Item("si_X", "sub_X", price, 15, Feb1, Mar1, Jan1)]));
        stripe.Put("invoices",
            Invoice("in_1", "cus_X", "sub_X", "paid", Jan1, Jan1, Jan1,
                Line("il_1", "in_1", "sub_X", "si_X", "price_vol", 10_500, 15, Jan1, Feb1, discount: 3500, discountId: "di_once"),
                ItemLine("il_1s", "in_1", "sub_X", "price_setup", 4500, Jan1, discount: 1500, discountId: "di_once")),
            Invoice("in_2", "cus_X", "sub_X", "paid", Feb1, Feb1, Feb1,
                Line("il_2", "in_2", "sub_X", "si_X", "price_vol", 10_500, 15, Feb1, Mar1)));

        var engine = await ImportAsync(provider);

        Assert.Equal([7000m, 10_500m, 10_500m], Monthly(engine, "mrr"));
        Assert.Equal([3500m, 0m, 0m], Monthly(engine, "discounts_mrr"));
    }

    /// <summary>
    /// A euro subscription started on 15 March whose first invoice is still a draft: nothing billed yet, so its price
    /// prices it, in the subscription's currency. Graduated euro tiers (<c>currency_options.eur.tiers</c>): 1-5 at €9, 6+
    /// at €6, 8 seats = 45 + 18 = €63, plus an add-on at €0.123456 (<c>unit_amount_decimal</c>) × 100 = 12.3456 cents,
    /// rounded once to €0.12: €63.12 a month at 1.10 = $69.432, reported to the cent: 6943. (Today's code: the tiered
    /// price counts $0 and the add-on 0 cents × 100 in dollars.)
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Terms_not_invoiced_yet_are_priced_from_their_prices_in_the_subscriptions_currency(DatabaseProvider provider)
    {
        var price = TieredPrice("price_grad", "prod_team", Jan1 - 80, "graduated", (5, 1000, 0), (null, 700, 0));
        price["currency_options"] = new JsonObject
        {
            ["usd"] = new JsonObject { ["tax_behavior"] = "exclusive", ["tiers"] = price["tiers"]!.DeepClone(), ["unit_amount"] = null, ["unit_amount_decimal"] = null },
            ["eur"] = new JsonObject
            {
                ["tax_behavior"] = "exclusive",
                ["tiers"] = new JsonArray(Tier(5, 900), Tier(null, 600)),
                ["unit_amount"] = null,
                ["unit_amount_decimal"] = null,
            },
        };
        var addOn = DecimalPrice("price_calls", "prod_setup", "0.2", Jan1 - 80);
        addOn["currency_options"] = new JsonObject
        {
            ["eur"] = new JsonObject { ["tax_behavior"] = "exclusive", ["unit_amount"] = null, ["unit_amount_decimal"] = "0.123456" },
            ["usd"] = new JsonObject { ["tax_behavior"] = "exclusive", ["unit_amount"] = null, ["unit_amount_decimal"] = "0.2" },
        };
        stripe.Put("prices", price, addOn);
        stripe.Put("subscriptions", Subscription("sub_X", "cus_X", "active", Mar15,
            [Item("si_X", "sub_X", price, 8, Mar15, Apr1 + 14 * 86_400, Mar15), Item("si_Y", "sub_X", addOn, 100, Mar15, Apr1 + 14 * 86_400, Mar15)],
            currency: "eur"));
        stripe.Put("invoices", Invoice("in_draft", "cus_X", "sub_X", "draft", Mar15, Mar15, Mar15,
            Line("il_d", "in_draft", "sub_X", "si_X", "price_grad", 6300, 8, Mar15, Apr1 + 14 * 86_400, currency: "eur"),
            Line("il_dy", "in_draft", "sub_X", "si_Y", "price_calls", 12, 100, Mar15, Apr1 + 14 * 86_400, currency: "eur")));

        Assert.Equal([0m, 0m, 6943m], await MonthlyMrrAsync(provider));
        Assert.True(stripe.RequestCount("/v1/prices/price_grad") > 0);
    }

    /// <summary>
    /// As Stripe, the fake includes a price's <c>tiers</c> and <c>currency_options</c> only when <c>expand[]</c> names
    /// them at their path, also inside a subscription item, and refuses them under a field that is not a price or
    /// deeper than four levels.
    /// </summary>
    [Fact]
    public async Task The_fake_serves_tiers_and_currency_options_only_when_asked_for()
    {
        var price = TieredPrice("price_grad", "prod_team", Jan1 - 80, "graduated", (5, 1000, 0), (null, 700, 0));
        price["currency_options"] = new JsonObject { ["eur"] = new JsonObject { ["tiers"] = new JsonArray(Tier(null, 600)) } };
        stripe.Put("prices", price);
        stripe.Put("subscriptions", Subscription("sub_X", "cus_X", "active", Jan1, [Item("si_X", "sub_X", price, 3, Jan1, Feb1, Jan1)]));
        using var http = new HttpClient { BaseAddress = stripe.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", FakeStripeServer.ApiKey);
        async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await http.GetStringAsync(path))!;

        var plain = await GetAsync("v1/prices/price_grad");
        var expanded = await GetAsync("v1/prices/price_grad?expand[0]=tiers&expand[1]=currency_options");
        var listed = await GetAsync("v1/prices?expand[0]=data.tiers");
        // Four levels at most, a list's "data" counting as one: inside an item's price, only on one subscription.
        var items = await GetAsync("v1/subscriptions/sub_X?expand[0]=items.data.price.tiers");
        var embedded = await GetAsync("v1/subscriptions");
        using var refused = await http.GetAsync("v1/subscriptions?expand[0]=data.tiers");
        using var tooDeep = await http.GetAsync("v1/subscriptions?expand[0]=data.items.data.price.tiers");

        Assert.False(plain.AsObject().ContainsKey("tiers") || plain.AsObject().ContainsKey("currency_options"));
        Assert.Equal(2, expanded["tiers"]!.AsArray().Count);
        Assert.Equal(600, (long)expanded["currency_options"]!["eur"]!["tiers"]![0]!["unit_amount"]!);
        Assert.NotNull(listed["data"]![0]!["tiers"]);
        Assert.Null(listed["data"]![0]!["currency_options"]);
        Assert.NotNull(items["items"]!["data"]![0]!["price"]!["tiers"]);
        Assert.False(embedded["data"]![0]!["items"]!["data"]![0]!["price"]!.AsObject().ContainsKey("tiers"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooDeep.StatusCode);
    }

    private static JsonObject Tier(long? upTo, long unitAmount) => new()
    {
        ["flat_amount"] = null,
        ["flat_amount_decimal"] = null,
        ["unit_amount"] = unitAmount,
        ["unit_amount_decimal"] = unitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["up_to"] = upTo,
    };

    /// <summary>sub_X on <paramref name="price"/> × <paramref name="quantity"/> from 1 January, one paid invoice per period given.</summary>
    private void PutMonthly(JsonObject price, int quantity, (long Start, long Amount) first, (long Start, long Amount) second,
        string currency = "usd", long discount = 0, (long, string, long)[]? taxes = null, string[]? discounts = null, string? unitAmountDecimal = null)
    {
        stripe.Put("prices", price);
        var priceId = (string)price["id"]!;
        stripe.Put("subscriptions", Subscription("sub_X", "cus_X", "active", Jan1, [Item("si_X", "sub_X", price, quantity, Feb1, Mar1, Jan1)],
            discounts: discounts, currency: currency));
        foreach (var (start, amount) in new[] { first, second })
        {
            var id = "in_" + start;
            stripe.Put("invoices", Invoice(id, "cus_X", "sub_X", "paid", start, start, start,
                Line("il_" + start, id, "sub_X", "si_X", priceId, amount, quantity, start, start == Jan1 ? Feb1 : Mar1,
                    discount: discount, discountId: discount == 0 ? null : "di_X", currency: currency, unitAmountDecimal: unitAmountDecimal, taxes: taxes)));
        }
    }

    private async Task<decimal?[]> MonthlyMrrAsync(DatabaseProvider provider) => Monthly(await ImportAsync(provider), "mrr");

    /// <summary>A full import against the fake, nothing refused, then the metrics engine over the store (EUR at 1.10).</summary>
    private async Task<MetricsEngine> ImportAsync(DatabaseProvider provider)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri);
        var status = await harness.SyncAsync();
        Assert.Equal(SyncState.Succeeded, status.State);
        Assert.Equal(0, status.Errors);
        Assert.Empty(stripe.Refusals);
        var rates = Enumerable.Range(0, 120).Select(d => new FxRate { Date = new DateOnly(2024, 1, 1).AddDays(d), Currency = "EUR", Rate = 1.1m }).ToArray();
        return MetricsEngine.Create(await harness.BillingSnapshotAsync(rates));
    }

    private static decimal?[] Monthly(MetricsEngine engine, string metric) => engine
        .Query(new MetricQuery(metric, new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31), Interval.Month))
        .Points.Select(p => p.Value).ToArray();
}
