using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Infrastructure.Sync;
using Dashboard.Web.Services.Sources;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Features.Settings.Sources;

/// <summary>
/// Connected sources with their sync status, object counts and errors; connecting an account of any registered
/// connector (the form is built from its <see cref="ConnectorDescriptor"/>, checked and stored by the connector); each source's sync
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
    private string? providerName;
    private Dictionary<string, string?> values = new(StringComparer.Ordinal);
    private IReadOnlyList<SetupProblem> formErrors = [];
    private ConnectionCheck? check;
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
    public required ConnectorRegistry Connectors { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required StripeWebhookStatusService Webhooks { get; init; }

    [Inject]
    public required AuditCaller Audit { get; init; }

    /// <summary>The connector the form is for: the one chosen, else the first registered.</summary>
    private ConnectorDescriptor Descriptor => (Connectors.Find(providerName) ?? Connectors.All[0]).Descriptor;

    protected override async Task OnInitializedAsync()
    {
        ResetValues();
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

    /// <summary>The interval dropdown's entries: every allowed interval, described ("every 15 minutes").</summary>
    private static readonly IntervalChoice[] IntervalChoices = SyncInterval.Choices.Select(m => new IntervalChoice(m, SyncInterval.Describe(m))).ToArray();

    /// <summary>Secrets get a password box of their own; the rest a text box of this type.</summary>
    private static string InputType(CredentialField field) => field.Kind == CredentialFieldKind.Url ? "url" : "text";

    /// <summary>The provider dropdown's entries: every registered connector.</summary>
    private IReadOnlyList<ProviderChoice> ProviderChoices => Connectors.All.Select(c => new ProviderChoice(c.Descriptor.Name, c.Descriptor.DisplayName)).ToList();

    private static string FieldId(CredentialField field) => $"source-field-{field.Key}";

    private void ChooseProvider(string? provider)
    {
        providerName = provider;
        formErrors = [];
        check = null;
        ResetValues();
    }

    /// <summary>Empty fields, choices on their default.</summary>
    private void ResetValues() =>
        values = Descriptor.Fields.ToDictionary(
            f => f.Key, f => f.Kind == CredentialFieldKind.Choice ? f.Default ?? f.Choices.FirstOrDefault() : null, StringComparer.Ordinal);

    private async Task AddAsync()
    {
        message = null;
        queued = null;
        check = null;
        var connector = Connectors.Find(Descriptor.Name)!;
        var setup = new ConnectorSetup(name, values);
        formErrors = ConnectorValidation.Validate(connector.Descriptor, setup);
        if (formErrors.Count > 0)
        {
            return;
        }

        adding = true;
        try
        {
            var source = await connector.AddAsync(setup, disposed.Token);
            await Audit.RecordAsync(AuditActions.SourceAdded, $"{AuditActor.Source(source.Id)} '{source.Name}' ({connector.Descriptor.Name})", disposed.Token);
            message = $"Connected '{source.Name}'. Its secrets are stored encrypted and are not shown again. Press Sync now to import it; its webhooks go to {connector.Descriptor.WebhookPath(source.Id)}.";
            name = null;
            ResetValues();
            await LoadAsync();
        }
        catch (ConnectorValidationException e)
        {
            formErrors = e.Problems;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or DbUpdateException)
        {
            formErrors = [new SetupProblem(ConnectorValidation.NameKey, connector.Descriptor.DisplayName, e.Message)];
        }
        finally
        {
            adding = false;
        }
    }

    /// <summary>Tries the entered credentials against the provider without storing anything.</summary>
    private async Task TestAsync()
    {
        message = null;
        check = null;
        var connector = Connectors.Find(Descriptor.Name)!;
        var setup = new ConnectorSetup(name ?? connector.Descriptor.DisplayName, values);
        formErrors = ConnectorValidation.Validate(connector.Descriptor, setup);
        if (formErrors.Count > 0)
        {
            return;
        }

        adding = true;
        try
        {
            check = await connector.TestConnectionAsync(setup, disposed.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the provider's client throws is what the person needs to read here.
            check = new ConnectionCheck(false, e.Message);
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

    private async Task SetIntervalAsync(SourceRow row, int minutes)
    {
        if (!SyncInterval.IsValid(minutes))
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

    private sealed record IntervalChoice(int Minutes, string Text);

    private sealed record ProviderChoice(string Name, string Text);
}
