using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Sdk = Stripe;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>The connector's reader of Stripe.net models gives the same models as Stripe.net's own converter.</summary>
public sealed class StripeModelReaderTests
{
    private static readonly long Start = T("2024-01-01");

    public StripeModelReaderTests() => StripeModelReader.Install();

    [Fact]
    public void It_is_in_place_once_the_client_is_used()
    {
        Assert.True(StripeModelReader.Installed);
        StripeModelReader.Install();
        Assert.Single(Sdk.StripeConfiguration.SerializerOptions.Converters, c => c is StripeModelReader);
    }

    [Fact]
    public void Lists_of_subscriptions_invoices_and_charges_read_the_same_as_with_Stripe_net_alone()
    {
        var price = Price("price_basic", "prod_basic", 2000, Start - 10);
        var subscription = Subscription("sub_1", "cus_1", "active", Start, [Item("si_1", "sub_1", price, 2, Start, Start + 2_678_400, Start)],
            trialStart: Start - 100, trialEnd: Start, discounts: ["di_1"], reason: "cancellation_requested", comment: "too dear");
        subscription["discounts"] = new JsonArray(Discount("di_1", "co_1", "cus_1", "sub_1", Start));
        var invoice = Invoice("in_1", "cus_1", "sub_1", "paid", Start, Start, Start,
            Line("il_1", "in_1", "sub_1", "si_1", "price_basic", 2000, 2, Start, Start + 2_678_400, discount: 100, discountId: "di_1"));
        invoice["payments"] = List(InvoicePayment("inpay_1", "in_1", "pi_1", 1900, Start));
        var charge = Charge("ch_1", "cus_1", 1900, Start, paid: true, null, "pi_1");
        charge["balance_transaction"] = BalanceTransaction("txn_1", "ch_1", 1900, 85, Start);

        AssertSameModels<Sdk.StripeList<Sdk.Subscription>>(List(subscription));
        AssertSameModels<Sdk.StripeList<Sdk.Invoice>>(List(invoice));
        AssertSameModels<Sdk.StripeList<Sdk.Charge>>(List(charge));
        AssertSameModels<Sdk.Customer>(Customer("cus_1", "c1@example.com", "C 1", "FR", Start, ("plan", "gold")));

        var read = JsonSerializer.Deserialize<Sdk.StripeList<Sdk.Subscription>>(List(subscription).ToJsonString(), Sdk.StripeConfiguration.SerializerOptions)!;
        Assert.Equal("price_basic", read.Data[0].Items.Data[0].Price.Id);
        Assert.Equal(2, read.Data[0].Items.Data[0].Quantity);
        Assert.Equal("co_1", read.Data[0].Discounts[0].Source.CouponId);
    }

    /// <summary>Both readings written back out with Stripe.net's default options: every field it maps must match.</summary>
    private static void AssertSameModels<T>(JsonObject json)
    {
        var text = json.ToJsonString();
        var plain = Sdk.StripeConfiguration.DefaultStjSerializerOptions();
        var expected = JsonSerializer.Deserialize<T>(text, plain);
        var actual = JsonSerializer.Deserialize<T>(text, Sdk.StripeConfiguration.SerializerOptions);
        Assert.Equal(JsonSerializer.Serialize(expected, plain), JsonSerializer.Serialize(actual, plain));
        Assert.Contains("\"id\"", JsonSerializer.Serialize(actual, plain), StringComparison.Ordinal);
    }

    private static JsonObject List(params JsonObject[] items) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
        ["has_more"] = false,
        ["url"] = "/v1/test",
    };
}
