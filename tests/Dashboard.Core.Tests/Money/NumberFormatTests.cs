using Dashboard.Core.Metrics;
using Dashboard.Core.Money;

namespace Dashboard.Core.Tests.Money;

/// <summary>The one number-format rule (docs/ui.md, "Number format").</summary>
public sealed class NumberFormatTests
{
    [Theory]
    [InlineData(7_931_240, "USD", NumberStyle.Exact, "$79,312.40")]
    [InlineData(7_931_240, "USD", NumberStyle.Whole, "$79,312")]
    [InlineData(7_931_250, "USD", NumberStyle.Whole, "$79,313")]
    [InlineData(7_931_240, "USD", NumberStyle.Compact, "$79.3k")]
    [InlineData(94_770_000, "USD", NumberStyle.Compact, "$947.7k")]
    [InlineData(450_000_000, "USD", NumberStyle.Compact, "$4.5M")]
    [InlineData(123_400_000_000, "USD", NumberStyle.Compact, "$1.2B")]
    [InlineData(950_000, "USD", NumberStyle.Compact, "$9,500")]
    [InlineData(5_287, "USD", NumberStyle.Compact, "$53")]
    [InlineData(-125_787, "USD", NumberStyle.Exact, "-$1,257.87")]
    [InlineData(-125_787, "USD", NumberStyle.Whole, "-$1,258")]
    [InlineData(-1_230_000, "USD", NumberStyle.Compact, "-$12.3k")]
    [InlineData(-40, "USD", NumberStyle.Whole, "$0")]
    [InlineData(7_900_000, "USD", NumberStyle.Compact, "$79k")]
    [InlineData(7_900_000, "USD", NumberStyle.CompactRow, "$79.0k")]
    [InlineData(94_770_000, "USD", NumberStyle.CompactRow, "$947.7k")]
    [InlineData(400_000_000, "USD", NumberStyle.CompactRow, "$4.0M")]
    [InlineData(-1_200_000, "USD", NumberStyle.CompactRow, "-$12.0k")]
    [InlineData(950_000, "USD", NumberStyle.CompactRow, "$9,500")]
    [InlineData(5_287, "USD", NumberStyle.CompactRow, "$53")]
    [InlineData(1_200, "JPY", NumberStyle.Exact, "¥1,200")]
    [InlineData(12_345_000, "JPY", NumberStyle.Compact, "¥12.3M")]
    [InlineData(1_234_567, "KWD", NumberStyle.Exact, "KWD 1,234.567")]
    [InlineData(1_234_567, "EUR", NumberStyle.Whole, "€12,346")]
    public void Money_in_each_style(long minor, string currency, NumberStyle style, string expected) =>
        Assert.Equal(expected, NumberFormat.Money(minor, currency, style));

    [Theory]
    [InlineData(1_204, NumberStyle.Exact, "1,204")]
    [InlineData(1_204, NumberStyle.Compact, "1,204")]
    [InlineData(12_345, NumberStyle.Whole, "12,345")]
    [InlineData(12_345, NumberStyle.Compact, "12.3k")]
    [InlineData(12_000, NumberStyle.Compact, "12k")]
    [InlineData(12_000, NumberStyle.CompactRow, "12.0k")]
    [InlineData(1_204, NumberStyle.CompactRow, "1,204")]
    public void Counts_in_full_and_compact_only_from_ten_thousand(long count, NumberStyle style, string expected) =>
        Assert.Equal(expected, NumberFormat.Count(count, style));

    [Fact]
    public void Percentages_and_ratios_look_the_same_in_every_style()
    {
        foreach (var style in Enum.GetValues<NumberStyle>())
        {
            Assert.Equal("4.9 %", NumberFormat.Metric(4.9m, MetricUnit.Percent, "USD", style));
            Assert.Equal("1.97", NumberFormat.Metric(1.9712m, MetricUnit.Ratio, "USD", style));
            Assert.Equal("–", NumberFormat.Metric(null, MetricUnit.Money, "USD", style));
        }
    }

    [Fact]
    public void Fractional_minor_units_round_to_the_nearest_minor_unit()
    {
        Assert.Equal("$52.88", NumberFormat.Metric(5_287.5m, MetricUnit.Money, "USD"));
        Assert.Equal("$52.87", NumberFormat.Metric(5_287.4m, MetricUnit.Money, "USD"));
    }

    [Fact]
    public void A_group_drops_its_cents_when_any_amount_reaches_a_thousand()
    {
        Assert.Equal(NumberStyle.Whole, NumberFormat.HeadlineStyle([5_287, 7_931_240, null], "USD"));
        Assert.Equal(NumberStyle.Whole, NumberFormat.HeadlineStyle([-100_000], "USD"));
        Assert.Equal(NumberStyle.Exact, NumberFormat.HeadlineStyle([5_287, 99_999, null], "USD"));
        Assert.Equal(NumberStyle.Exact, NumberFormat.HeadlineStyle([], "USD"));
        Assert.Equal(NumberStyle.Exact, NumberFormat.HeadlineStyle([999], "JPY"));
        Assert.Equal(NumberStyle.Whole, NumberFormat.HeadlineStyle([1_000], "JPY"));
    }

    [Fact]
    public void A_group_in_its_style_never_mixes_compact_and_full_forms()
    {
        long[] row = [7_931_240, 94_770_000, 631_542];
        var style = NumberFormat.HeadlineStyle(row.Select(v => (decimal?)v), "USD");

        var shown = row.Select(v => NumberFormat.Money(v, "USD", style)).ToList();

        Assert.Equal(["$79,312", "$947,700", "$6,315"], shown);
    }
}
