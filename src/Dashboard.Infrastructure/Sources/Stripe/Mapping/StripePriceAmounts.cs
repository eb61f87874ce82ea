using StripePrice = Stripe.Price;

namespace Dashboard.Infrastructure.Sources.Stripe.Mapping;

/// <summary>
/// What a price charges per period for a quantity in a currency: the fallback for terms no invoice has billed yet
/// (rules in docs/connectors/stripe.md, "Amounts"). Decimal unit amounts are summed exactly and rounded once.
/// </summary>
public static class StripePriceAmounts
{
    /// <summary>
    /// The period amount in minor units of <paramref name="currency"/> (the price's own currency or one of its
    /// <c>currency_options</c>), or null when the price has no amounts there or its tiers were not read.
    /// A tax-inclusive price's amount includes its tax (the rate is known only on an invoice).
    /// </summary>
    public static long? For(StripePrice price, string currency, long quantity)
    {
        var units = Units(price, quantity);
        if (string.Equals(price.Currency, currency, StringComparison.OrdinalIgnoreCase))
        {
            return price.BillingScheme == "tiered"
                ? Tiered(price.TiersMode, price.Tiers?.Select(t => new Tier(t.UpTo, t.UnitAmountDecimal ?? t.UnitAmount, t.FlatAmountDecimal ?? t.FlatAmount)).ToList(), units)
                : PerUnit(price.UnitAmountDecimal ?? price.UnitAmount, units);
        }

        if (price.CurrencyOptions?.GetValueOrDefault(currency.ToLowerInvariant()) is not { } option)
        {
            return null;
        }

        return price.BillingScheme == "tiered"
            ? Tiered(price.TiersMode, option.Tiers?.Select(t => new Tier(t.UpTo, t.UnitAmountDecimal ?? t.UnitAmount, t.FlatAmountDecimal ?? t.FlatAmount)).ToList(), units)
            : PerUnit(option.UnitAmountDecimal ?? option.UnitAmount, units);
    }

    /// <summary>The quantity billed: <c>transform_quantity</c> divides it (rounded up or down) before pricing.</summary>
    private static long Units(StripePrice price, long quantity)
    {
        if (price.TransformQuantity is not { DivideBy: > 0 } transform)
        {
            return quantity;
        }

        var whole = quantity / transform.DivideBy;
        return transform.Round == "up" && quantity % transform.DivideBy != 0 ? whole + 1 : whole;
    }

    private static long? PerUnit(decimal? unitAmount, long units) =>
        unitAmount is { } unit ? Round(unit * units) : null;

    /// <summary>
    /// Graduated: each tier prices the units that fall in it (and adds its flat amount when any do). Volume: the tier the
    /// whole quantity falls in prices every unit (plus its flat amount).
    /// </summary>
    private static long? Tiered(string? mode, List<Tier>? tiers, long units)
    {
        if (tiers is not { Count: > 0 })
        {
            return null;
        }

        if (mode == "volume")
        {
            var tier = tiers.FirstOrDefault(t => t.UpTo is not { } upTo || units <= upTo) ?? tiers[^1];
            return Round((tier.Unit ?? 0) * units + (tier.Flat ?? 0));
        }

        var total = 0m;
        var below = 0L;
        foreach (var tier in tiers)
        {
            if (units <= below)
            {
                break;
            }

            var top = tier.UpTo is { } upTo ? Math.Min(units, upTo) : units;
            total += (tier.Unit ?? 0) * (top - below) + (tier.Flat ?? 0);
            below = top;
        }

        return Round(total);
    }

    private static long Round(decimal amount) => (long)Math.Round(amount, MidpointRounding.AwayFromZero);

    private sealed record Tier(long? UpTo, decimal? Unit, decimal? Flat);
}
