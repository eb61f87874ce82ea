using Dashboard.Core.Money;

namespace Dashboard.Core.Timelines;

/// <summary>
/// Imported exchange rates (1 unit of a currency = rate units of the reporting currency). A day without a published
/// rate (weekends, holidays) uses the latest rate of the <see cref="MaxRateAgeDays"/> days before it; older or absent
/// rates are an error, never a silent 1.0. Read-only once built, so safe for concurrent readers.
/// </summary>
public sealed class FxTable
{
    public const int MaxRateAgeDays = 7;

    private readonly Dictionary<(string Currency, int Day), decimal> rates = [];

    public FxTable(string reportingCurrency) => ReportingCurrency = reportingCurrency;

    public string ReportingCurrency { get; }

    public int Count => rates.Count;

    internal void Add(string currency, DateOnly date, decimal rate)
    {
        if (rate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"The {currency} rate for {date:yyyy-MM-dd} must be positive.");
        }

        rates[(currency, date.DayNumber)] = rate;
    }

    internal FxTable Copy()
    {
        var copy = new FxTable(ReportingCurrency);
        foreach (var pair in rates)
        {
            copy.rates[pair.Key] = pair.Value;
        }

        return copy;
    }

    internal IEnumerable<(string Currency, DateOnly Date, decimal Rate)> All() =>
        rates.Select(p => (p.Key.Currency, DateOnly.FromDayNumber(p.Key.Day), p.Value));

    /// <summary>Rate of one unit of <paramref name="currency"/> in reporting units on <paramref name="day"/>.</summary>
    public decimal RateOn(string currency, int day)
    {
        if (currency == ReportingCurrency)
        {
            return 1m;
        }

        for (var d = day; d >= day - MaxRateAgeDays; d--)
        {
            if (rates.TryGetValue((currency, d), out var rate))
            {
                return rate;
            }
        }

        throw new MissingFxRateException(currency, DateOnly.FromDayNumber(day), ReportingCurrency);
    }

    /// <summary>
    /// Factor turning minor units of <paramref name="currency"/> into reporting minor units on <paramref name="day"/>
    /// (rate adjusted for the two currencies' minor digits, e.g. JPY yen to USD cents).
    /// </summary>
    public decimal MinorFactor(string currency, int day)
    {
        if (currency == ReportingCurrency)
        {
            return 1m;
        }

        var rate = RateOn(currency, day);
        return rate * Currency.MinorPerMajor(ReportingCurrency) / Currency.MinorPerMajor(currency);
    }
}
