namespace Dashboard.Core.Money;

/// <summary>An exact amount: integer minor units (cents) of a currency.</summary>
public readonly record struct Money(long Minor, string Currency)
{
    public decimal Major => (decimal)Minor / Money.MinorPerMajorOf(Currency);

    public static Money Zero(string currency) => new(0, currency);

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + b.Minor), SameCurrency(a, b));

    public static Money operator -(Money a, Money b) => new(checked(a.Minor - b.Minor), SameCurrency(a, b));

    public static Money operator -(Money a) => new(-a.Minor, a.Currency);

    /// <summary>Rounds an exact decimal amount of minor units to the nearest unit (halves away from zero).</summary>
    /// <remarks>Most amounts are already whole (scale 0): they skip the decimal rounding, which is hot in segment walks.</remarks>
    public static long RoundMinor(decimal minor) =>
        minor.Scale == 0 ? (long)minor : (long)Math.Round(minor, 0, MidpointRounding.AwayFromZero);

    private static long MinorPerMajorOf(string currency) => Dashboard.Core.Money.Currency.MinorPerMajor(currency);

    private static string SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency} amounts without a conversion.");

    public override string ToString() => MoneyFormat.Full(this);
}
