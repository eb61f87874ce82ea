using System.Globalization;
using Dashboard.Core.Forecasts;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Services.Metrics;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// The next twelve months of MRR or active customers (docs/metrics.md, "Forecasts") for the metric page's filters:
/// actual month ends, then the forecast dashed with its range shaded. Shown for the metrics in <see cref="ForecastChartModel.Metrics"/>.
/// </summary>
public partial class ForecastPanel : ComponentBase
{
    private ForecastChartModel? model;
    private string? error;
    private string? loadedKey;

    [Parameter, EditorRequired]
    public required string Metric { get; set; }

    /// <summary>The page's resolved filters (its saved segment's and its own).</summary>
    [Parameter]
    public IReadOnlyList<SegmentFilter> Filters { get; set; } = [];

    [Inject]
    public required ForecastService Forecasts { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        var key = Metric + "|" + string.Join(";", Filters);
        if (key == loadedKey)
        {
            return;
        }

        loadedKey = key;
        model = null;
        error = null;
        if (!ForecastChartModel.Metrics.Contains(Metric))
        {
            return;
        }

        try
        {
            model = ForecastChartModel.From(await Forecasts.ForecastAsync(Filters, EngineForecast.DefaultHistoryMonths, CancellationToken.None), Metric);
        }
        catch (Exception ex) when (ex is MetricQueryException or MissingFxRateException)
        {
            error = "No forecast: " + ex.Message;
        }
    }

    private static string Raw(long value) => value.ToString(CultureInfo.InvariantCulture);

    private string FormatAxis(object value) => model is null ? string.Empty : AxisLabels.For(value, model.Unit, model.Currency);

    private static string FormatMonth(object value) => value is DateTime at ? at.ToString("MMM yyyy", CultureInfo.InvariantCulture) : string.Empty;
}
