using Dashboard.Core.Forecasts;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.ChartNotes;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The Overview's numbers from the metrics engine through <see cref="MetricQueryService"/>: the range and the filters are
/// resolved once, then each metric is one engine query (the same as <c>GET /api/v1/metrics/{metric}</c>), so the page,
/// the REST API and exports agree to the cent.
/// </summary>
public sealed class EngineOverviewMetrics(MetricQueryService query, IConfiguration configuration, TimeProvider time, ChartNoteService? notes = null,
    ForecastService? forecasts = null)
    : IOverviewMetrics
{
    /// <summary>The metric whose annotations (and global ones) the Overview's MRR chart shows and stores.</summary>
    public const string AnnotatedMetric = "mrr";

    public async Task<IReadOnlyDictionary<string, string[]>> AnnotateAsync(DateOnly? date, string? text, CancellationToken cancellationToken) =>
        notes is null
            ? throw new InvalidOperationException("No annotation store is configured.")
            : (await notes.AddAnnotationAsync(AnnotatedMetric, date, text, cancellationToken)).Errors;

    public async Task<OverviewData> GetOverviewAsync(MetricViewState state, CancellationToken cancellationToken)
    {
        MetricsEngine engine;
        try
        {
            engine = await query.EngineAsync(cancellationToken);
        }
        catch (MissingFxRateException ex)
        {
            var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var currency = configuration[MetricSettingsReader.CurrencyKey] ?? new MetricSettings().ReportingCurrency;
            return new OverviewData(currency, day, day, state.Interval, true, new Dictionary<string, MetricSeries>(), [ex.Message])
            {
                TimeZone = configuration[MetricSettingsReader.TimeZoneKey] ?? new MetricSettings().TimeZone,
            };
        }

        var set = engine.Current;
        var (start, end) = query.Range(engine, state);
        var filters = await query.FiltersAsync(state, cancellationToken);
        var previousDays = MetricViewState.Days(start, end);
        var interval = state.IntervalFor(start, end);
        var series = new Dictionary<string, MetricSeries>(StringComparer.Ordinal);
        var bases = new Dictionary<string, ComparisonBase>(StringComparer.Ordinal);
        foreach (var metric in OverviewMetrics.All)
        {
            var metricQuery = new MetricQuery(metric, start, end, interval)
            {
                Filters = filters,
                CompareToDays = OverviewMetrics.IsCard(metric) ? previousDays : null,
            };
            series[metric] = engine.Query(metricQuery);
            if (metricQuery.CompareToDays is not null)
            {
                bases[metric] = MetricQueryService.WholeRangeBase(engine, metricQuery);
            }
        }

        var matchesNobody = (state.SegmentId is not null || state.Filters.Count > 0) && engine.CountCustomers(filters) == 0;
        return new OverviewData(engine.ReportingCurrency, start, end, interval, engine.HasCustomers, series, [])
        {
            // The same forecast as GET /api/v1/metrics/forecast for these filters.
            Forecast = forecasts is null || !engine.HasCustomers || matchesNobody
                ? null
                : await forecasts.ForecastAsync(filters, EngineForecast.DefaultHistoryMonths, cancellationToken),
            TimeZone = set.Settings.TimeZone,
            Today = query.Today(engine),
            FirstDataDay = MetricQueryService.FirstDataDay(engine),
            Bases = bases,
            Filters = filters,
            Fields = await query.FieldsAsync(cancellationToken),
            Segments = await query.SegmentsAsync(cancellationToken),
            Annotations = notes is null ? [] : (await notes.ForMetricAsync(AnnotatedMetric, start, end, cancellationToken)).Annotations,
            CardAnnotations = notes is null ? [] : await notes.AnnotationsAsync(OverviewMetrics.Cards.Select(c => c.Metric).ToList(), start, end, cancellationToken),
            Goals = notes is null ? new Dictionary<string, Core.Billing.Goal>() : await notes.GoalsAsync(OverviewMetrics.Cards.Select(c => c.Metric).ToList(), end, cancellationToken),
            CanEditNotes = notes is not null && await notes.CanAddAsync(),
            MatchesNobody = matchesNobody,
        };
    }
}
