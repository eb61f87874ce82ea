namespace Dashboard.Core.Metrics;

/// <summary>Receives what one customer contributes to the per-day series.</summary>
internal interface ILedgerSink
{
    void Add(SeriesId series, int day, long value);

    /// <summary>
    /// A period of activity: the customer was active (MRR &gt; 0) at the end of days <paramref name="start"/> to
    /// <paramref name="churnDay"/> - 1 and churned on <paramref name="churnDay"/>. Window churn counts use it.
    /// </summary>
    void ChurnRun(int start, int churnDay);
}
