using System.Globalization;
using Dashboard.Core.Exports;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Exports;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Features.Exports;

/// <summary>
/// Scheduled exports: every signed-in user sees them, their run history and downloads; owners and admins (the Manage
/// policy, checked again before every action) create, edit, run now, pause and delete them. Loading and failing:
/// <see cref="DataPage"/>.
/// </summary>
public partial class ExportsPage : DataPage
{
    private const int HistoryRuns = 20;

    /// <summary>How often an open history with unfinished runs is read again.</summary>
    public static readonly TimeSpan HistoryRefresh = TimeSpan.FromSeconds(1);

    private IReadOnlyList<ExportView>? exports;
    private IReadOnlyList<SavedSegment> segments = [];
    private IReadOnlyList<StoredRun>? history;
    private long? historyOf;
    private ExportFormModel? form;
    private long? editingId;
    private long? confirmDelete;
    private string? notice;
    private bool canManage;
    private bool following;

    [Inject]
    public required ExportService Exports { get; init; }

    [Inject]
    public required SegmentService Segments { get; init; }

    [Inject]
    public required IAuthorizationService Authorization { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        canManage = await CanManageAsync();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        await LoadAsync(async () =>
        {
            exports = await Exports.ListAsync(Leaving);
            segments = await Segments.ListAsync(Leaving);
            if (historyOf is { } id)
            {
                history = await Exports.RunsAsync(id, 0, HistoryRuns, Leaving);
            }
        });
        FollowUnfinishedRuns();
    }

    /// <summary>True while a run of the open history is queued or running, or one of its deliveries is pending.</summary>
    private bool HistoryIsMoving => history?.Any(r => r.Status is RunStatus.Queued or RunStatus.Running || r.Deliveries.Any(d => d.Status == DeliveryStatus.Pending)) == true;

    /// <summary>
    /// While the open history has unfinished runs or deliveries, reads it again every <see cref="HistoryRefresh"/> and
    /// shows it, so "run now" and "retry" end in their outcome without a reload; stops when all have ended or the user
    /// leaves.
    /// </summary>
    private void FollowUnfinishedRuns()
    {
        if (following || !HistoryIsMoving || !RendererInfo.IsInteractive)
        {
            return;
        }

        following = true;
        _ = InvokeAsync(async () =>
        {
            try
            {
                using var timer = new PeriodicTimer(HistoryRefresh, Clock);
                while (HistoryIsMoving && historyOf is { } id && await timer.WaitForNextTickAsync(Leaving))
                {
                    history = await Exports.RunsAsync(id, 0, HistoryRuns, Leaving);
                    if (!HistoryIsMoving)
                    {
                        exports = await Exports.ListAsync(Leaving);
                    }

                    StateHasChanged();
                }
            }
            catch (OperationCanceledException) when (Leaving.IsCancellationRequested)
            {
                // The user left the page.
            }
            finally
            {
                following = false;
            }
        });
    }

    private async Task<bool> CanManageAsync()
    {
        if (AuthenticationState is null)
        {
            return false;
        }

        var user = (await AuthenticationState).User;
        return (await Authorization.AuthorizeAsync(user, DashboardPolicies.Manage)).Succeeded;
    }

    private void StartNew()
    {
        editingId = null;
        form = new ExportFormModel();
    }

    private void StartEdit(ExportView export)
    {
        editingId = export.Id;
        form = ExportFormModel.From(export.Definition);
    }

    private void Cancel() => form = null;

    private async Task<IReadOnlyDictionary<string, string[]>> SaveAsync(ExportDraft draft)
    {
        if (!await CanManageAsync())
        {
            return new Dictionary<string, string[]> { ["export"] = ["only owners and admins may change exports"] };
        }

        var result = editingId is { } id
            ? await Exports.UpdateAsync(id, _ => draft, Leaving)
            : await Exports.CreateAsync(draft, Leaving);
        if (result.NotFound)
        {
            return new Dictionary<string, string[]> { ["export"] = ["this export no longer exists"] };
        }

        if (result.Export is { } saved)
        {
            notice = $"Export “{saved.Definition.Name}” saved.";
            form = null;
            await ReloadAsync();

            // The form called this through a delegate, which re-renders only the form: the page shows the list itself.
            StateHasChanged();
        }

        return result.Errors;
    }

    private async Task<ExportPreview> PreviewAsync(ExportDraft draft)
    {
        var (definition, errors) = await Exports.ValidateAsync(draft, Leaving);
        if (definition is null)
        {
            return new ExportPreview(null, errors);
        }

        try
        {
            return new ExportPreview(await Exports.PreviewAsync(definition, ExportForm.PreviewRows, Leaving), errors);
        }
        catch (Exception e) when (e is Core.Metrics.MetricQueryException or Core.Timelines.MissingFxRateException)
        {
            return new ExportPreview(null, errors, e.Message);
        }
    }

    private async Task RunNowAsync(long id)
    {
        if (!await CanManageAsync())
        {
            return;
        }

        var run = await Exports.RunNowAsync(id, Leaving);
        notice = run is null ? $"Export {id} no longer exists." : $"Run {run.Id} is queued; its history shows when it is done.";
        historyOf = id;
        await ReloadAsync();
    }

    private async Task RetryAsync(long id, StoredRun run, StoredDelivery delivery)
    {
        if (!await CanManageAsync())
        {
            return;
        }

        notice = await Exports.RetryDeliveryAsync(id, run.Id, delivery.Id, Leaving) switch
        {
            DeliveryRetry.Queued => $"The {delivery.Type} delivery of run {run.Id} is being sent again; its status follows below.",
            DeliveryRetry.NotFailed => $"The {delivery.Type} delivery of run {run.Id} is not failed (any more).",
            DeliveryRetry.NoFile => $"Run {run.Id} stored no file, so there is nothing to send.",
            _ => $"Run {run.Id} or its delivery no longer exists.",
        };
        await ReloadAsync();

        // Called through the history's delegate, which re-renders only the history: the page shows the notice itself.
        StateHasChanged();
    }

    private async Task SetPausedAsync(long id, bool paused)
    {
        if (!await CanManageAsync())
        {
            return;
        }

        var result = await Exports.SetPausedAsync(id, paused, Leaving);
        notice = result.Export is null ? $"Export {id} could not be changed." : paused ? "Export paused." : "Export resumed.";
        await ReloadAsync();
    }

    private async Task DeleteAsync(long id)
    {
        confirmDelete = null;
        if (!await CanManageAsync())
        {
            return;
        }

        notice = await Exports.DeleteAsync(id, Leaving) is null ? $"Export {id} no longer exists." : "Export deleted.";
        if (historyOf == id)
        {
            historyOf = null;
            history = null;
        }

        await ReloadAsync();
    }

    private async Task ToggleHistoryAsync(long id)
    {
        if (historyOf == id)
        {
            historyOf = null;
            history = null;
            return;
        }

        historyOf = id;
        history = await Exports.RunsAsync(id, 0, HistoryRuns, Leaving);
        FollowUnfinishedRuns();
    }

    private static string ScheduleText(ExportSchedule schedule) => schedule.Frequency switch
    {
        ScheduleFrequency.Daily => "daily at " + Time(schedule),
        ScheduleFrequency.Weekly => $"{ExportSchedule.WeekdayName(schedule.Weekday!.Value)}s at {Time(schedule)}",
        ScheduleFrequency.Monthly => string.Create(CultureInfo.InvariantCulture, $"monthly on day {schedule.Day} at {Time(schedule)}"),
        _ => "cron " + schedule.Cron,
    };

    private static string Time(ExportSchedule schedule) => schedule.At.ToString("HH:mm", CultureInfo.InvariantCulture);
}
