using Dashboard.Core.Money;

namespace Dashboard.Core.Tests.Money;

public sealed class MrrUnitsTests
{
    private static readonly (string Name, int PeriodsPerYear)[] Intervals = [("day", 365), ("week", 52), ("month", 12), ("year", 1)];

    [Theory]
    [InlineData(12_000, 1, 1, 1_000)]      // $120 / year -> $10.00
    [InlineData(3_000, 12, 3, 1_000)]      // $30 every 3 months -> $10.00
    public void Whole_monthly_amounts_are_whole_minor_units(long period, int periodsPerYear, int count, long minor)
    {
        Assert.Equal(minor * MrrUnits.PerMinor, MrrUnits.Monthly(period, periodsPerYear, count));
    }

    [Fact]
    public void Thirds_and_twelfths_of_a_cent_are_held_exactly()
    {
        Assert.Equal(10_000 * MrrUnits.PerMinor / 12, MrrUnits.Monthly(10_000, 1, 1));   // $100 / year = 833.33... cents
        Assert.Equal(1_000 * MrrUnits.PerMinor / 3, MrrUnits.Monthly(1_000, 12, 3));     // $10 / quarter = 333.33... cents
        Assert.Equal(1_000 * 52 * MrrUnits.PerMinor / 12, MrrUnits.Monthly(1_000, 52, 1)); // $10 / week = 4,333.33... cents
        // Three $100 annual plans and a $10 quarterly one: 2,833.33 cents exactly, 2,832 from rounded parts.
        var units = (3 * MrrUnits.Monthly(10_000, 1, 1)) + MrrUnits.Monthly(1_000, 12, 3);
        Assert.Equal(2_833, MrrUnits.RoundToMinor(units));
        Assert.Equal(34_000, MrrUnits.RoundToMinor(12 * (Int128)units)); // ARR $340.00 exactly
    }

    [Fact]
    public void Every_interval_count_whose_denominator_divides_the_scale_is_exact_and_the_others_are_within_half_a_unit()
    {
        var exactMonthCounts = new List<int>();
        foreach (var (name, perYear) in Intervals)
        {
            for (var count = 1; count <= 1_095; count++)
            {
                foreach (var period in new long[] { 1, 999, 12_345, 7_777_777 })
                {
                    // monthly = period * perYear / (12 * count); units * 12 * count is exactly period * perYear * PerMinor when exact.
                    var units = MrrUnits.Monthly(period, perYear, count);
                    var error = ((Int128)units * 12 * count) - ((Int128)period * perYear * MrrUnits.PerMinor);
                    var denominator = 12 * count / (int)Gcd(perYear, 12 * count);
                    if (MrrUnits.PerMinor % denominator == 0)
                    {
                        Assert.True(error == 0, $"{name} x {count} of {period} should be exact");
                    }
                    else
                    {
                        Assert.True(Int128.Abs(error) <= 6 * count, $"{name} x {count} of {period} is off by more than half a unit");
                    }
                }

                if (name == "month" && count <= 36 && MrrUnits.PerMinor % (12 * count) == 0)
                {
                    exactMonthCounts.Add(count);
                }
            }
        }

        // The counts docs/metrics.md promises for monthly plans up to three years.
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 16, 18, 20, 21, 24, 25, 28, 30, 32, 35, 36], exactMonthCounts);
    }

    [Theory]
    [InlineData("1.0834", 3)]  // a 4-decimal rate, quarterly
    [InlineData("0.923456", 1)] // a 6-decimal rate, yearly
    [InlineData("1.1", 12)]
    public void Fx_rates_with_few_decimals_keep_the_amount_exact(string rate, int months)
    {
        var period = 12_345 * decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture);
        var units = MrrUnits.Monthly(period, 12, months);
        Assert.Equal(period * MrrUnits.PerMinor, (decimal)units * months);
    }

    [Theory]
    [InlineData(MrrUnits.PerMinor / 2, 1)]
    [InlineData((MrrUnits.PerMinor / 2) - 1, 0)]
    [InlineData(-MrrUnits.PerMinor / 2, -1)]
    [InlineData((-MrrUnits.PerMinor / 2) + 1, 0)]
    [InlineData((7 * MrrUnits.PerMinor) + (MrrUnits.PerMinor / 3), 7)]
    [InlineData((-7 * MrrUnits.PerMinor) - (2 * MrrUnits.PerMinor / 3), -8)]
    public void Rounding_to_minor_units_is_half_away_from_zero(long units, long minor)
    {
        Assert.Equal(minor, MrrUnits.RoundToMinor(units));
        Assert.Equal(minor, MrrUnits.RoundToMinor((Int128)units));
        Assert.Equal(minor, (long)Math.Round(MrrUnits.ToMinor(units), MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void Sums_beyond_a_long_round_exactly_and_amounts_beyond_it_throw()
    {
        // 1,000,000 customers at $1,000.00 a month plus half a cent.
        var sum = ((Int128)100_000 * MrrUnits.PerMinor * 1_000_000) + (MrrUnits.PerMinor / 2);
        Assert.True(sum > long.MaxValue);
        Assert.Equal(100_000_000_001, MrrUnits.RoundToMinor(sum));
        Assert.Throws<OverflowException>(() => MrrUnits.Monthly(100_000_000_000, 12, 1));
        Assert.Throws<OverflowException>(() => MrrUnits.FromMinor(100_000_000_000m));
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
