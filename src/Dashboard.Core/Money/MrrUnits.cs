namespace Dashboard.Core.Money;

/// <summary>
/// The fixed-point unit normalized (monthly) amounts are kept and summed in: 1/<see cref="PerMinor"/> of a reporting
/// minor unit. Subscription MRR, customer MRR and every MRR total are whole numbers of these units, so sums are exact
/// integer additions and the one rounding to a minor unit happens when a number is shown (docs/metrics.md, "Money,
/// FX and rounding").
/// <para><see cref="PerMinor"/> = 756,000,000 = 12 x 63 x 10^6 = 2^8 x 3^3 x 5^6 x 7. A plan's monthly amount is
/// period x periods_per_year / (12 x interval_count), a multiple of 1/(12 x interval_count) minor units, so it is a whole
/// number of units whenever interval_count divides 63,000,000: every count from 1 to 10, 12, 14, 15, 16, 18, 20, 21,
/// 24, 28, 30, 32, 35, 36, ... (weekly and daily plans also whenever periods_per_year cancels the rest, e.g. 13, 26 or
/// 52 weeks, 73 or 365 days). An FX rate with d decimals adds a factor 10^d to that denominator: rates with up to 6
/// decimals are exact for counts dividing 63 (1, 3, 7, 9, 21, 63), up to 4 decimals for counts dividing 6,300. Any
/// other amount is rounded to the nearest unit (half away from zero), an error below 1/1,512,000,000 of a minor unit
/// per subscription.</para>
/// <para>A single customer's MRR must stay below long.MaxValue units (about 12 billion minor units, $122 million a
/// month); larger values throw <see cref="OverflowException"/>. Sums over customers are <see cref="Int128"/>.</para>
/// </summary>
public static class MrrUnits
{
    public const long PerMinor = 756_000_000;

    /// <summary>
    /// <paramref name="periodAmount"/> (reporting minor units per billing period, possibly fractional after FX) x
    /// <paramref name="periodsPerYear"/> / (12 x <paramref name="intervalCount"/>), in units, rounded once to a unit.
    /// </summary>
    public static long Monthly(decimal periodAmount, int periodsPerYear, int intervalCount)
    {
        // Multiplying before dividing keeps the quotient exact whenever the result is a whole number of units.
        var units = periodAmount * periodsPerYear * PerMinor / (12m * intervalCount);
        return checked((long)Math.Round(units, 0, MidpointRounding.AwayFromZero));
    }

    /// <summary>An exact minor-unit amount in units (rounded to a unit, half away from zero).</summary>
    public static long FromMinor(decimal minor) => checked((long)Math.Round(minor * PerMinor, 0, MidpointRounding.AwayFromZero));

    /// <summary>The amount in minor units as a decimal (units / <see cref="PerMinor"/>), for formulas that go on dividing.</summary>
    public static decimal ToMinor(Int128 units) => (decimal)units / PerMinor;

    /// <summary>Rounds to whole minor units, half away from zero, in integer arithmetic.</summary>
    public static long RoundToMinor(long units)
    {
        var quotient = units / PerMinor;
        var remainder = units % PerMinor;
        if (Math.Abs(remainder) * 2 >= PerMinor)
        {
            quotient += Math.Sign(remainder);
        }

        return quotient;
    }

    /// <summary>Rounds a sum of units to whole minor units, half away from zero.</summary>
    public static long RoundToMinor(Int128 units)
    {
        var quotient = units / PerMinor;
        var remainder = units % PerMinor;
        if (Int128.Abs(remainder) * 2 >= PerMinor)
        {
            quotient += Int128.Sign(remainder);
        }

        return checked((long)quotient);
    }
}
