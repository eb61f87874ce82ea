using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features;

/// <summary>
/// The base of the pages that load from the services (Overview, metrics list, metric page, MRR breakdown, cohorts,
/// segments, compare, customers): one way to load and to fail, for the first load and for later actions such as a
/// drill-down. Leaving the page cancels a load quietly; a question the user got wrong (unknown metric,
/// bad filter, unknown segment: <see cref="MetricQueryException"/>) or a missing exchange rate
/// (<see cref="MissingFxRateException"/>) becomes the page's <see cref="Error"/>, shown in place of the numbers.
/// Anything else is a fault of the app and reaches the error page rather than being turned into a message.
/// </summary>
public abstract class DataPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource leaving = new();

    [Inject]
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Cancelled when the user leaves the page.</summary>
    protected CancellationToken Leaving => leaving.Token;

    /// <summary>What went wrong with the last load or action, for the page to show; null when it went well.</summary>
    protected string? Error { get; set; }

    /// <summary>The query parameter the last <see cref="Error"/> is about ("segment_id", "filter", ...), when it is a question's fault.</summary>
    protected string? ErrorParameter { get; private set; }

    /// <summary>Runs <paramref name="load"/>; on a user-facing failure sets <see cref="Error"/> and runs <paramref name="onError"/>.</summary>
    protected async Task LoadAsync(Func<Task> load, Action? onError = null)
    {
        try
        {
            await load();
            Error = null;
            ErrorParameter = null;
        }
        catch (OperationCanceledException) when (leaving.IsCancellationRequested)
        {
            // The user left the page.
        }
        catch (Exception exception) when (exception is MetricQueryException or MissingFxRateException)
        {
            LoggerFactory.CreateLogger(GetType()).LogWarning(exception, "{Page} could not be loaded", GetType().Name);
            Error = exception.Message;
            ErrorParameter = (exception as MetricQueryException)?.Parameter;
            onError?.Invoke();
        }
    }

    public void Dispose()
    {
        leaving.Cancel();
        leaving.Dispose();
        GC.SuppressFinalize(this);
    }
}
