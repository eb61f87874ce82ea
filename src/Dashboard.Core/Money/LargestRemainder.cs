namespace Dashboard.Core.Money;

/// <summary>
/// Rounds a list of exact MRR amounts (in <see cref="MrrUnits"/>) to whole minor units so that the rounded amounts add
/// up exactly to their exact sum rounded once (half away from zero), the total a page shows: every amount is first
/// rounded down, then the minor units still missing go one each to the amounts that lost the most in rounding down
/// (largest remainder; equal remainders in list order). Each rounded amount is its exact amount rounded down or up,
/// never further than one minor unit from it. Used for the rows of a drill-down (docs/metrics.md "Drill-down").
/// </summary>
public static class LargestRemainder
{
    /// <summary>The amounts of <paramref name="units"/> in whole minor units, in the same order, summing to the rounded exact sum.</summary>
    public static long[] ToMinor(IReadOnlyList<Int128> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var minor = new long[units.Count];
        var remainders = new long[units.Count];
        Int128 exactSum = 0;
        long floorSum = 0;
        for (var i = 0; i < units.Count; i++)
        {
            exactSum += units[i];
            var quotient = units[i] / MrrUnits.PerMinor;
            var remainder = units[i] % MrrUnits.PerMinor;
            if (remainder < 0)
            {
                // Rounding down towards minus infinity keeps every remainder in [0, PerMinor).
                quotient -= 1;
                remainder += MrrUnits.PerMinor;
            }

            minor[i] = checked((long)quotient);
            remainders[i] = (long)remainder;
            floorSum = checked(floorSum + minor[i]);
        }

        // The rounded total lies between the sum rounded down and that plus one unit per amount, so 0 <= missing <= count.
        var missing = MrrUnits.RoundToMinor(exactSum) - floorSum;
        if (missing > 0)
        {
            var order = Enumerable.Range(0, units.Count)
                .Where(i => remainders[i] > 0)
                .OrderByDescending(i => remainders[i])
                .ThenBy(i => i)
                .Take(checked((int)missing));
            foreach (var i in order)
            {
                minor[i] += 1;
            }
        }

        return minor;
    }
}
