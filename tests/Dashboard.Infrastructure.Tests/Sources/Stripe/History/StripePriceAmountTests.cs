using Dashboard.Infrastructure.Sources.Stripe.Mapping;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe.History;

/// <summary>What a price charges for a quantity when no invoice billed it yet; every expected amount worked out by hand.</summary>
public sealed class StripePriceAmountTests
{
    [Theory]
    [InlineData(12, 12_000)] // 20 flat + 5 x 10 + 5 x 8 + 2 x 5 = $120
    [InlineData(3, 5_000)]   // 20 flat + 3 x 10 = $50
    [InlineData(10, 11_000)] // 20 flat + 5 x 10 + 5 x 8 = $110
    public void Graduated_tiers_price_each_units_tier_and_add_its_flat_amount(long quantity, long expected)
    {
        var price = Tiered("graduated", (5, 1000, 2000), (10, 800, 0), (null, 500, 0));

        Assert.Equal(expected, StripePriceAmounts.For(price, "usd", quantity));
    }

    [Theory]
    [InlineData(10, 9_500)]  // all 10 at $9 + $5 flat
    [InlineData(11, 7_700)]  // all 11 at $7
    public void Volume_tiers_price_every_unit_at_the_tier_of_the_whole_quantity(long quantity, long expected)
    {
        var price = Tiered("volume", (10, 900, 500), (null, 700, 0));

        Assert.Equal(expected, StripePriceAmounts.For(price, "usd", quantity));
    }

    [Fact]
    public void A_decimal_unit_amount_is_summed_exactly_and_rounded_once()
    {
        var price = new Sdk.Price { Currency = "usd", BillingScheme = "per_unit", UnitAmountDecimal = 33.3333m };

        Assert.Equal(1000, StripePriceAmounts.For(price, "usd", 30)); // 999.999 cents, not 33 x 30 = 990
    }

    [Fact]
    public void Another_currency_is_priced_from_its_currency_option_and_a_missing_one_cannot_be_priced()
    {
        var price = new Sdk.Price
        {
            Currency = "usd",
            BillingScheme = "per_unit",
            UnitAmount = 2000,
            CurrencyOptions = new() { ["eur"] = new Sdk.PriceCurrencyOptions { UnitAmount = 1800, UnitAmountDecimal = 1800m } },
        };

        Assert.Equal(3600, StripePriceAmounts.For(price, "EUR", 2));
        Assert.Null(StripePriceAmounts.For(price, "gbp", 2));
    }

    [Theory]
    [InlineData("up", 1500)]   // 25 / 10 rounded up = 3 units of $5
    [InlineData("down", 1000)] // rounded down = 2 units
    public void Transform_quantity_divides_the_quantity_before_pricing(string round, long expected)
    {
        var price = new Sdk.Price
        {
            Currency = "usd",
            BillingScheme = "per_unit",
            UnitAmount = 500,
            TransformQuantity = new Sdk.PriceTransformQuantity { DivideBy = 10, Round = round },
        };

        Assert.Equal(expected, StripePriceAmounts.For(price, "usd", 25));
    }

    [Fact]
    public void A_tiered_price_read_without_its_tiers_cannot_be_priced()
    {
        var price = new Sdk.Price { Currency = "usd", BillingScheme = "tiered", TiersMode = "graduated" };

        Assert.Null(StripePriceAmounts.For(price, "usd", 3));
    }

    private static Sdk.Price Tiered(string mode, params (long? UpTo, long Unit, long Flat)[] tiers) => new()
    {
        Currency = "usd",
        BillingScheme = "tiered",
        TiersMode = mode,
        Tiers = tiers.Select(t => new Sdk.PriceTier { UpTo = t.UpTo, UnitAmount = t.Unit, FlatAmount = t.Flat }).ToList(),
    };
}
