using Dashboard.Core.Money;

namespace Dashboard.Core.Tests.Money;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1_230_000, "USD", "$12.3k")]
    [InlineData(95_000, "USD", "$950.00")]
    [InlineData(950_000, "USD", "$9,500")]
    [InlineData(-123_456, "USD", "-$1,234.56")]
    [InlineData(450_000_000, "USD", "$4.5M")]
    [InlineData(1_200, "JPY", "¥1,200")]
    [InlineData(12_345_000, "JPY", "¥12.3M")]
    public void Formats_compact_and_full(long minor, string currency, string expected) =>
        Assert.Equal(expected, minor is 95_000 or -123_456 or 1_200 ? MoneyFormat.Full(minor, currency) : MoneyFormat.Compact(minor, currency));

    [Fact]
    public void Percent_and_counts()
    {
        Assert.Equal("4.2 %", MoneyFormat.Percent(4.2m));
        Assert.Equal("4.3 %", MoneyFormat.Percent(4.25m));
        Assert.Equal("–", MoneyFormat.Percent(null));
        Assert.Equal("1,234", MoneyFormat.Count(1234));
    }

    [Fact]
    public void Currencies_know_their_minor_digits()
    {
        Assert.Equal(0, Currency.MinorDigits("JPY"));
        Assert.Equal(3, Currency.MinorDigits("KWD"));
        Assert.Equal(100, Currency.MinorPerMajor("EUR"));
        Assert.Equal("EUR", Currency.Normalize(" eur "));
        Assert.Throws<ArgumentException>(() => Currency.Normalize("EURO"));
    }

    [Fact]
    public void Rounding_is_half_away_from_zero_and_mixing_currencies_fails()
    {
        Assert.Equal(4333, Dashboard.Core.Money.Money.RoundMinor(4333.333m));
        Assert.Equal(3, Dashboard.Core.Money.Money.RoundMinor(2.5m));
        Assert.Equal(-3, Dashboard.Core.Money.Money.RoundMinor(-2.5m));
        Assert.Equal(12.34m, new Dashboard.Core.Money.Money(1234, "USD").Major);
        Assert.Throws<InvalidOperationException>(() => new Dashboard.Core.Money.Money(1, "USD") + new Dashboard.Core.Money.Money(1, "EUR"));
    }
}
