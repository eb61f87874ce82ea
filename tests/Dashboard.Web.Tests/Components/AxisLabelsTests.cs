using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;

namespace Dashboard.Web.Tests.Components;

public sealed class AxisLabelsTests
{
    [Theory]
    [InlineData(0, "$0")]
    [InlineData(2500, "$2,500")]
    [InlineData(-2500, "-$2,500")]
    [InlineData(12500, "$12.5k")]
    public void Money_is_whole_units_and_compact_from_ten_thousand(decimal major, string expected) =>
        Assert.Equal(expected, AxisLabels.Money(major, "USD"));

    [Theory]
    [InlineData(0.5, "$0.50")]
    [InlineData(-0.25, "-$0.25")]
    [InlineData(1, "$1")]
    [InlineData(2500.5, "$2,500.50")]
    public void A_tick_between_whole_units_keeps_its_cents(decimal major, string expected) =>
        Assert.Equal(expected, AxisLabels.Money(major, "USD"));

    [Fact]
    public void Values_follow_the_metric_unit()
    {
        Assert.Equal("$2,500", AxisLabels.For(2500.0, MetricUnit.Money, "USD"));
        Assert.Equal("4.5 %", AxisLabels.For(4.5, MetricUnit.Percent, "USD"));
        Assert.Equal("1,234.5", AxisLabels.For(1234.5, MetricUnit.Count, "USD"));
        Assert.Equal(string.Empty, AxisLabels.For(new object(), MetricUnit.Count, "USD"));
    }
}
