using Dashboard.Infrastructure.Demo;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Demo;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Settings.DemoData;

/// <summary>
/// <c>/settings/demo-data</c> (owners only): "Load demo data again" after it was removed, with a confirmation, then the
/// background job's progress (<see cref="DemoReloadStatus"/>, observed while the page lives) and "done"; refused, with
/// the reason, while a demo source exists.
/// </summary>
public partial class DemoDataPage : ComponentBase, IDisposable
{
    private static readonly long DemoCustomers = new DemoDataOptions().Customers;

    private readonly CancellationTokenSource leaving = new();
    private DemoReloadProgress progress = DemoReloadProgress.Idle;
    private string? refusal;
    private string? problem;
    private bool loaded;
    private bool confirming;
    private bool requesting;

    [Inject]
    public required DemoReload Reload { get; init; }

    [Inject]
    public required DemoReloadStatus Status { get; init; }

    private string StateName => !loaded ? "loading" : refusal is not null && !progress.IsBusy ? "refused" : progress.State.ToString().ToLowerInvariant();

    protected override async Task OnInitializedAsync()
    {
        Status.Changed += OnChanged;
        progress = Reload.Progress;
        if (progress.State is DemoReloadState.Refused or DemoReloadState.Failed)
        {
            problem = progress.Message; // the last run's reason stays on the page until the next request
        }

        try
        {
            refusal = progress.IsBusy ? null : await Reload.RefusalAsync(leaving.Token);
            loaded = true;
        }
        catch (OperationCanceledException) when (leaving.IsCancellationRequested)
        {
            // The user left.
        }
    }

    private async Task LoadAsync()
    {
        requesting = true;
        problem = null;
        try
        {
            var request = await Reload.RequestAsync(leaving.Token);
            if (!request.Queued)
            {
                problem = request.Refusal;
                refusal = await Reload.RefusalAsync(leaving.Token);
            }

            progress = Status.Current;
            confirming = false;
        }
        catch (AccessDeniedException denied)
        {
            problem = denied.Message;
        }
        finally
        {
            requesting = false;
        }
    }

    private void OnChanged(DemoReloadProgress next) => _ = InvokeAsync(async () =>
    {
        if (leaving.IsCancellationRequested)
        {
            return;
        }

        progress = next;
        if (next.State is DemoReloadState.Succeeded or DemoReloadState.Refused or DemoReloadState.Failed)
        {
            problem = next.State == DemoReloadState.Succeeded ? null : next.Message;
            refusal = await Reload.RefusalAsync(leaving.Token);
        }

        StateHasChanged();
    });

    public void Dispose()
    {
        Status.Changed -= OnChanged;
        leaving.Cancel();
        leaving.Dispose();
        GC.SuppressFinalize(this);
    }
}
