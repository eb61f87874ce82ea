using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Metrics;

namespace Dashboard.Web.Features.Overview;

/// <summary>The Overview's numbers from the metrics engine, so the page, the REST API and exports agree to the cent.</summary>
public sealed class EngineOverviewMetrics(MetricsEngineHost host, IConfiguration configuration, TimeProvider time) : IOverviewMetrics
{
    public async Task<OverviewModel> GetOverviewAsync(int months, CancellationToken cancellationToken)
    {
        MetricsEngine engine;
        try
        {
            engine = await host.GetEngineAsync(cancellationToken);
        }
        catch (MissingFxRateException ex)
        {
            var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var currency = configuration[MetricSettingsReader.CurrencyKey] ?? new MetricSettings().ReportingCurrency;
            return new OverviewModel(currency, day, true, new MrrSnapshot(0, 0), new MrrSnapshot(0, 0), null, [], [ex.Message])
            {
                TimeZone = configuration[MetricSettingsReader.TimeZoneKey] ?? new MetricSettings().TimeZone,
            };
        }

        var set = engine.Current;
        var today = DateOnly.FromDayNumber(set.Calendar.DayOf(time.GetUtcNow()));
        var now = engine.Summary(today);
        var before = engine.Summary(today.AddDays(-30));
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - Math.Max(1, months));
        var series = engine.Query(new MetricQuery("mrr", firstMonth, today, Interval.Month));
        return new OverviewModel(
            engine.ReportingCurrency,
            today,
            set.Customers.Count > 0,
            Snapshot(now),
            Snapshot(before),
            Value(now, "customer_churn_rate"),
            series.Points.Select(p => new MrrPoint(p.Date, (long)(p.Value ?? 0))).ToList(),
            [])
        {
            TimeZone = set.Settings.TimeZone,
        };
    }

    private static MrrSnapshot Snapshot(IReadOnlyList<SummaryItem> summary) =>
        new((long)(Value(summary, "mrr") ?? 0), (int)(Value(summary, "active_customers") ?? 0));

    private static decimal? Value(IReadOnlyList<SummaryItem> summary, string metric) =>
        summary.First(item => item.Metric == metric).Value;
}
