using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// The morning page: MRR, active customers, ARPU, customer churn (last 30 days) and MRR over a chosen range.
/// </summary>
public partial class OverviewPage : ComponentBase, IDisposable
{
    public const int DefaultMonths = 12;

    private readonly CancellationTokenSource disposed = new();
    private OverviewViewModel? view;
    private string? error;
    private bool loading;
    private int months = DefaultMonths;

    [Inject]
    public required IOverviewMetrics Metrics { get; init; }


    [Inject]
    public required ILogger<OverviewPage> Logger { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task OnRangeChangedAsync(int value)
    {
        months = value;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        loading = true;
        try
        {
            var model = await Metrics.GetOverviewAsync(months, disposed.Token);
            view = OverviewViewModel.From(model);
            error = null;
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
            // The user left the page.
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Logger.LogError(exception, "The overview could not be computed");
            error = exception.Message;
        }
        finally
        {
            loading = false;
        }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
