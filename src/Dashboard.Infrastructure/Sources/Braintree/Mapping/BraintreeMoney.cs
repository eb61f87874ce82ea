using Dashboard.Core.Money;

namespace Dashboard.Infrastructure.Sources.Braintree.Mapping;

/// <summary>Braintree states amounts as decimal strings in major units; the store keeps integer minor units.</summary>
public static class BraintreeMoney
{
    /// <summary>"12.50" USD → 1250, "1500" JPY → 1500; a fraction smaller than the currency's minor unit is refused.</summary>
    public static long ToMinor(decimal amount, string currency, string what)
    {
        var scaled = amount * Currency.MinorPerMajor(currency);
        if (scaled != decimal.Truncate(scaled))
        {
            throw new InvalidOperationException($"{what}: {amount} {currency} has more decimals than {currency} allows.");
        }

        return (long)scaled;
    }

    /// <summary>A date Braintree states without a time (first billing date, dispute received date) as midnight UTC.</summary>
    public static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
