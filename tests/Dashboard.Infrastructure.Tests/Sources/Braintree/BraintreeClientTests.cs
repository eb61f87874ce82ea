using System.Net;
using Dashboard.Infrastructure.Sources.Braintree;
using Dashboard.Infrastructure.Sources.Braintree.Api;
using Dashboard.Testing.Fakes.Braintree;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Tests.Sources.Braintree;

public sealed class BraintreeClientTests : IAsyncLifetime
{
    private FakeBraintreeServer braintree = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        var data = BraintreeScenario.Create();
        data.MerchantAccountList.Add(BraintreeXmlBuilder.MerchantAccount("acme_gbp", "GBP", false));
        braintree = await FakeBraintreeServer.StartAsync(data);
        var collection = new ServiceCollection();
        collection.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        collection.AddBraintreeConnector(new ConfigurationBuilder().Build());
        collection.Configure<BraintreeOptions>(o =>
        {
            o.MaxRetries = 2;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        });
        services = collection.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await braintree.DisposeAsync();
    }

    private IBraintreeClient Client => services.GetRequiredService<IBraintreeClient>();

    private BraintreeConnection Connection(string privateKey = FakeBraintreeServer.PrivateKey, string merchant = FakeBraintreeServer.MerchantId) =>
        new(braintree.BaseUri, merchant, FakeBraintreeServer.PublicKey, privateKey);

    [Fact]
    public void Urls_are_under_the_merchant_whatever_the_base_ends_with()
    {
        Assert.Equal("https://api.sandbox.braintreegateway.com/merchants/m1/plans",
            BraintreeClient.BuildUri(new Uri("https://api.sandbox.braintreegateway.com:443"), "m1", "plans").AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/gw/merchants/m%201/customers/advanced_search",
            BraintreeClient.BuildUri(new Uri("http://127.0.0.1:5000/gw/"), "m 1", "customers/advanced_search").AbsoluteUri);
    }

    [Fact]
    public async Task Catalog_reads_plans_modifications_and_every_page_of_merchant_accounts()
    {
        var accounts = await Client.MerchantAccountsAsync(Connection(), default);
        var plans = await Client.PlansAsync(Connection(), default);
        var addOns = await Client.AddOnsAsync(Connection(), default);
        var discounts = await Client.DiscountsAsync(Connection(), default);

        Assert.Equal(["acme_usd USD True", "acme_eur EUR False", "acme_gbp GBP False"], accounts.Select(a => $"{a.Id} {a.CurrencyIsoCode} {a.IsDefault}"));
        Assert.Equal(2, braintree.RequestCount("merchant_accounts"));
        var annual = Assert.Single(plans, p => p.Id == "annual");
        Assert.Equal((240.00m, "USD", 12, false), (annual.Price, annual.CurrencyIsoCode, annual.BillingFrequency, annual.TrialPeriod));
        Assert.Equal(("seats", 5.00m, true), (addOns[0].Id, addOns[0].Amount, addOns[0].NeverExpires));
        Assert.Equal(("launch", 2, false), (discounts[0].Id, discounts[0].NumberOfBillingCycles, discounts[0].NeverExpires));
    }

    [Fact]
    public async Task Searches_answer_ids_then_objects_with_their_history()
    {
        var ids = await Client.SearchIdsAsync(Connection(), BraintreeSearchKind.Subscriptions, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 31, 0, 0, 0, TimeSpan.Zero), default);
        var elements = await Client.FetchAsync(Connection(), BraintreeSearchKind.Subscriptions, ids, default);

        Assert.Equal(["sub_b", "sub_a"], ids);
        var bob = BraintreeParser.Subscription(elements.Single(e => e.Element("id")!.Value == "sub_b"));
        Assert.Equal(["Canceled", "Past Due", "Active"], bob.StatusHistory.Select(e => e.Status));
        Assert.Equal((30.00m, 40.00m), (bob.StatusHistory[1].Price, bob.StatusHistory[1].Balance));
        Assert.Equal(("launch", 2, 2), (bob.Discounts[0].Id, bob.Discounts[0].NumberOfBillingCycles, bob.Discounts[0].CurrentBillingCycle));
        Assert.True(bob.TrialPeriod);
        Assert.Equal(new DateOnly(2024, 1, 24), bob.FirstBillingDate);
        Assert.Equal(3, bob.Transactions.Count);
    }

    [Fact]
    public async Task More_than_fifty_ids_are_refused_before_asking()
    {
        var ids = Enumerable.Range(0, 51).Select(i => "id" + i).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => Client.FetchAsync(Connection(), BraintreeSearchKind.Customers, ids, default));
        Assert.Equal(0, braintree.TotalRequests);
    }

    [Fact]
    public async Task Wrong_keys_and_merchants_fail_at_once_without_the_private_key_in_the_message()
    {
        var unauthorized = await Assert.ThrowsAsync<BraintreeApiException>(() => Client.PlansAsync(Connection(privateKey: "wrong_private"), default));
        var unknown = await Assert.ThrowsAsync<BraintreeApiException>(() => Client.PlansAsync(Connection(merchant: "other_merchant"), default));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.Status);
        Assert.Contains("public or private key is wrong", unauthorized.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong_private", unauthorized.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(2, braintree.RequestCount("plans"));
    }

    [Fact]
    public async Task A_missing_object_is_null_and_a_payment_method_names_its_customer()
    {
        Assert.Null(await Client.FindAsync(Connection(), BraintreeSearchKind.Transactions, "nope", default));
        Assert.Equal("cus_b", await Client.PaymentMethodCustomerAsync(Connection(), "tok_b", default));
        Assert.Null(await Client.PaymentMethodCustomerAsync(Connection(), "tok_gone", default));
    }

    [Fact]
    public async Task A_429_and_a_503_are_retried()
    {
        braintree.Inject(new FakeBraintreeFault("plans", FakeBraintreeFaultKind.TooManyRequests, RetryAfterSeconds: 1));
        braintree.Inject(new FakeBraintreeFault("plans", FakeBraintreeFaultKind.ServiceUnavailable));

        var plans = await Client.PlansAsync(Connection(), default);

        Assert.Equal(3, plans.Count);
        Assert.Equal(3, braintree.RequestCount("plans"));
    }

    [Fact]
    public async Task Failures_that_outlast_the_retries_surface_as_transient_errors()
    {
        braintree.Inject(new FakeBraintreeFault("plans", FakeBraintreeFaultKind.ServiceUnavailable, Times: 10));

        var failure = await Assert.ThrowsAsync<BraintreeApiException>(() => Client.PlansAsync(Connection(), default));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Status);
        Assert.True(failure.IsTransient);
        Assert.Equal(3, braintree.RequestCount("plans"));
    }

    [Fact]
    public async Task Malformed_xml_is_refused_naming_the_open_elements()
    {
        braintree.Inject(new FakeBraintreeFault("customers/advanced_search", FakeBraintreeFaultKind.MalformedXml, Times: 10));

        var failure = await Assert.ThrowsAsync<BraintreeXmlException>(() => Client.FetchAsync(Connection(), BraintreeSearchKind.Customers, ["cus_a"], default));

        Assert.Contains("malformed XML", failure.Message, StringComparison.Ordinal);
        Assert.Contains("first-name", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, braintree.RequestCount("customers/advanced_search"));
    }

    [Fact]
    public void A_value_that_does_not_fit_its_type_is_refused_naming_the_element()
    {
        var customer = BraintreeXmlBuilder.Customer("cus_z", "Zed", null, null, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        customer.Element("created-at")!.Value = "yesterday";
        var plan = BraintreeXmlBuilder.Plan("p", "P", 1m, "USD", 1);
        plan.Element("billing-frequency")!.SetAttributeValue("type", "decimal");

        var bad = Assert.Throws<BraintreeXmlException>(() => BraintreeParser.Customer(customer));
        var mistyped = Assert.Throws<BraintreeXmlException>(() => BraintreeParser.Plan(plan));

        Assert.Equal("Element 'customer/created-at' holds 'yesterday', which is not a valid datetime.", bad.Message);
        Assert.Equal("Element 'plan/billing-frequency' should be type=\"integer\" but is type=\"decimal\".", mistyped.Message);
    }
}
