using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Infrastructure.Sync;
using Dashboard.Web.Services.Sources;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Features.Settings.Sources;

/// <summary>
/// Connected sources with their sync status, object counts and errors; connecting a Stripe account; each source's sync
/// interval; "Sync now" (a background job) with a live progress bar per kind, fed by <see cref="SyncStatusService"/>
/// (this component observes it while it lives).
/// </summary>
public partial class SourcesPage : ComponentBase, IObserver<SyncStatus>, IDisposable
{
    private const int ErrorsShown = 20;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource disposed = new();
    private IDisposable? subscription;
    private List<SourceRow> rows = [];
    private long lastRedraw;
    private bool loaded;
    private bool adding;
    private string? name;
    private string? apiKey;
    private string? apiBase;
    private IReadOnlyList<string> formErrors = [];
    private string? message;
    private long? queued;
    private IReadOnlyDictionary<long, StripeWebhookStatus> webhooks = new Dictionary<long, StripeWebhookStatus>();

    [Inject]
    public required SourceDirectory Sources { get; init; }

    [Inject]
    public required SyncStatusService Statuses { get; init; }

    [Inject]
    public required SourceSyncQueue SyncQueue { get; init; }

    [Inject]
    public required SyncIntervals Intervals { get; init; }

    [Inject]
    public required ISyncSchedule Schedule { get; init; }

    [Inject]
    public required StripeSourceRegistrar Registrar { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required StripeWebhookStatusService Webhooks { get; init; }

    [Inject]
    public required AuditCaller Audit { get; init; }

    protected override async Task OnInitializedAsync()
    {
        subscription = Statuses.Subscribe(this);
        await LoadAsync();
    }

    public void Dispose()
    {
        subscription?.Dispose();
        disposed.Cancel();
        disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    void IObserver<SyncStatus>.OnNext(SyncStatus value)
    {
        if (disposed.IsCancellationRequested || rows.All(r => r.Id != value.SourceId))
        {
            return;
        }

        var finished = value.State is SyncState.Succeeded or SyncState.Failed or SyncState.Canceled;
        if (!finished && Time.GetElapsedTime(Interlocked.Read(ref lastRedraw)) < RedrawEvery)
        {
            return;
        }

        Interlocked.Exchange(ref lastRedraw, Time.GetTimestamp());
        _ = InvokeAsync(async () =>
        {
            if (disposed.IsCancellationRequested)
            {
                return;
            }

            if (finished)
            {
                await LoadAsync();
            }

            if (queued == value.SourceId)
            {
                // Started: the progress below replaces the "queued" note.
                queued = null;
                message = null;
            }

            StateHasChanged();
        });
    }

    void IObserver<SyncStatus>.OnCompleted()
    {
    }

    void IObserver<SyncStatus>.OnError(Exception error)
    {
    }

    private SyncStatus StatusOf(SourceRow row) => Statuses.Get(row.Id);

    private async Task AddAsync()
    {
        message = null;
        queued = null;
        formErrors = SourcesModel.Validate(name, apiKey, apiBase, out var baseUri);
        if (formErrors.Count > 0)
        {
            return;
        }

        adding = true;
        try
        {
            var source = await Registrar.AddAsync(name!.Trim(), apiKey!.Trim(), baseUri, null, disposed.Token);
            await Audit.RecordAsync(AuditActions.SourceAdded, $"{AuditActor.Source(source.Id)} '{source.Name}' (stripe)", disposed.Token);
            message = $"Connected '{source.Name}'. Its key is stored encrypted and is not shown again. Press Sync now to import it.";
            name = apiKey = apiBase = null;
            await LoadAsync();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or DbUpdateException)
        {
            formErrors = [e.Message];
        }
        finally
        {
            adding = false;
        }
    }

    private void SyncNow(SourceRow row)
    {
        // A job of the app, not of this page: it runs (and publishes its status) whether or not the page stays open.
        SyncQueue.Enqueue(row.Id);
        queued = row.Id;
        message = $"Sync of '{row.Name}' queued; its progress shows here once it starts.";
    }

    private async Task SetIntervalAsync(SourceRow row, ChangeEventArgs change)
    {
        if (!int.TryParse(change.Value?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            || !SyncInterval.IsValid(minutes))
        {
            return;
        }

        await Intervals.SetAsync(row.Id, minutes, disposed.Token);
        await Schedule.ApplyAsync(row.Id, disposed.Token);
        await Audit.RecordAsync(AuditActions.SourceIntervalChanged,
            $"{AuditActor.Source(row.Id)}: every {minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)} minutes", disposed.Token);
        queued = null;
        message = $"'{row.Name}' now syncs {SyncInterval.Describe(minutes)}.";
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var sources = await Sources.ActivityAsync(ErrorsShown, disposed.Token);
        var intervals = await Intervals.GetAllAsync(sources.Select(s => s.Id).ToList(), disposed.Token);
        rows = sources.Select(s => new SourceRow(
            s.Id, s.Name, s.Provider, s.CanSync, s.LastSyncedAt, s.Customers, s.Subscriptions, s.Charges,
            s.ErrorCount, s.RecentErrors, intervals[s.Id])).ToList();
        webhooks = await Webhooks.LoadAsync(disposed.Token);
        loaded = true;
    }
}
