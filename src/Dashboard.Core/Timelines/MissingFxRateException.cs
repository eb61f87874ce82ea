namespace Dashboard.Core.Timelines;

/// <summary>An amount needed converting and the rates table has no rate for its currency on that day.</summary>
public sealed class MissingFxRateException(string currency, DateOnly date, string reportingCurrency)
    : Exception($"No exchange rate from {currency} to {reportingCurrency} for {date:yyyy-MM-dd} " +
                $"(nor in the {FxTable.MaxRateAgeDays} days before). Import the {currency} rate for that date.")
{
    public string Currency { get; } = currency;

    public DateOnly Date { get; } = date;
}
