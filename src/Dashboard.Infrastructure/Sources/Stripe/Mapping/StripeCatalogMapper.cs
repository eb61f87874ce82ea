using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using StripeCustomer = Stripe.Customer;
using StripePrice = Stripe.Price;

namespace Dashboard.Infrastructure.Sources.Stripe.Mapping;

/// <summary>Customers and prices to the normalized model.</summary>
public static class StripeCatalogMapper
{
    public static CustomerRecord MapCustomer(StripeCustomer customer)
    {
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in customer.Metadata ?? [])
        {
            if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(value))
            {
                attributes[key.Trim()] = value.Trim();
            }
        }

        var country = customer.Address?.Country;
        return new CustomerRecord(
            customer.Id,
            Blank(customer.Name),
            Blank(customer.Email),
            country is { Length: 2 } ? country.ToUpperInvariant() : null,
            customer.Currency is { Length: 3 } currency ? currency.ToUpperInvariant() : null,
            StripeTime.ToInstant(customer.Created),
            attributes);
    }

    /// <summary>A recurring price as a plan; one-time prices are no plans (null).</summary>
    public static PlanRecord? MapPrice(StripePrice price)
    {
        if (price.Recurring is not { } recurring)
        {
            return null;
        }

        var name = Blank(price.Nickname) ?? Blank(price.Product?.Name) ?? price.Id;
        return new PlanRecord(
            price.Id,
            name,
            price.Currency.ToUpperInvariant(),
            UnitAmount(price),
            MapInterval(recurring.Interval),
            (int)Math.Max(1, recurring.IntervalCount),
            (int?)recurring.TrialPeriodDays,
            recurring.UsageType == "metered");
    }

    /// <summary>unit_amount, or the decimal amount rounded to a minor unit; 0 for tiered prices (amounts per line).</summary>
    public static long UnitAmount(StripePrice price) =>
        price.UnitAmount
        ?? (price.UnitAmountDecimal is { } amount ? (long)Math.Round(amount, MidpointRounding.AwayFromZero) : 0);

    public static BillingInterval MapInterval(string interval) => interval switch
    {
        "day" => BillingInterval.Day,
        "week" => BillingInterval.Week,
        "month" => BillingInterval.Month,
        "year" => BillingInterval.Year,
        _ => throw new FormatException($"Unknown Stripe interval '{interval}'."),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
