namespace Dashboard.Core.Metrics;

/// <summary>Answers the questions metric formulas ask, for all customers of a set or for one customer.</summary>
internal interface IDayReader
{
    /// <summary>Value of a stock series at the end of <paramref name="day"/> (MRR series in <see cref="Money.MrrUnits"/>).</summary>
    decimal Stock(SeriesId series, int day);

    /// <summary>Sum of a flow series over the days <paramref name="from"/>..<paramref name="to"/>, both included.</summary>
    decimal Flow(SeriesId series, int from, int to);

    /// <summary>Customers active at the end of <paramref name="from"/> - 1 with a churn movement in <paramref name="from"/>..<paramref name="to"/>.</summary>
    long ChurnedFromStart(int from, int to);
}
