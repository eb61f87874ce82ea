using Dashboard.Core.Money;

namespace Dashboard.Core.Tests.Money;

/// <summary>Rows of exact MRR rounded together so that they add up to the exact total rounded once (hand-computed cases).</summary>
public sealed class LargestRemainderTests
{
    private const long Cent = MrrUnits.PerMinor;

    [Fact]
    public void Three_thirds_of_a_cent_make_one_cent_given_to_the_first()
    {
        Assert.Equal([1L, 0L, 0L], LargestRemainder.ToMinor([Cent / 3, Cent / 3, Cent / 3]));
    }

    [Fact]
    public void The_missing_cents_go_to_the_largest_remainders()
    {
        // 10.2 + 20.7 + 30.6 + 5.5 = 67.0: rounded down 10 + 20 + 30 + 5 = 65, so .7 and .6 get the 2 missing cents;
        // rounding each alone would give 10 + 21 + 31 + 6 = 68.
        Int128[] rows = [Cent * 102 / 10, Cent * 207 / 10, Cent * 306 / 10, Cent * 55 / 10];
        Assert.Equal([10L, 21L, 31L, 5L], LargestRemainder.ToMinor(rows));
    }

    [Fact]
    public void Negative_amounts_round_down_towards_minus_infinity_first()
    {
        // -833 1/3 and -416 2/3 = -1,250 exactly: rounded down -834 and -417 (-1,251), the 1 missing cent to the larger remainder (.67 of -834).
        Int128[] rows = [-(Cent * 2_500 / 3), -(Cent * 1_250 / 3)];
        Assert.Equal([-833L, -417L], LargestRemainder.ToMinor(rows));
    }

    [Fact]
    public void Mixed_signs_add_up_to_the_exact_total_rounded_half_away_from_zero()
    {
        // 0.5 - 1.0 = -0.5, which rounds to -1: rounded down 0 and -1 are already -1, so nothing moves.
        Assert.Equal([0L, -1L], LargestRemainder.ToMinor([Cent / 2, -Cent]));
        // 0.5 + 0.5 + 0.5 = 1.5, rounds to 2: both cents to the first two equal remainders.
        Assert.Equal([1L, 1L, 0L], LargestRemainder.ToMinor([Cent / 2, Cent / 2, Cent / 2]));
    }

    [Fact]
    public void Whole_amounts_stay_as_they_are_and_every_row_is_within_a_cent_of_its_exact_amount()
    {
        Assert.Equal([500L, -300L, 0L], LargestRemainder.ToMinor([Cent * 500, Cent * -300, 0]));
        Assert.Empty(LargestRemainder.ToMinor([]));

        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 40)).Select(_ => (Int128)random.NextInt64(-50 * Cent, 50 * Cent)).ToList();
            var minor = LargestRemainder.ToMinor(rows);
            Int128 exact = 0;
            foreach (var row in rows)
            {
                exact += row;
            }

            Assert.Equal(MrrUnits.RoundToMinor(exact), minor.Sum());
            for (var i = 0; i < rows.Count; i++)
            {
                var difference = (Int128)minor[i] * Cent - rows[i];
                Assert.True(difference > -Cent && difference < Cent, $"row {i}: {rows[i]} units shown as {minor[i]}");
            }
        }
    }
}
