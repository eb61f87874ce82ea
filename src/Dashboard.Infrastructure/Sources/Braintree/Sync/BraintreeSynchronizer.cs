using System.Globalization;
using System.Xml.Linq;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Braintree.Api;
using Dashboard.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Sources.Braintree.Sync;

/// <summary>
/// Syncs a Braintree merchant. Braintree's searches have no updated_at, so each sync (1) reads the merchant accounts
/// and plans, (2) reads customers created since the checkpoint in created_at windows, (3) re-fetches every stored
/// subscription not yet Canceled or Expired (so cancellations and price changes are never missed), (4) reads new
/// subscriptions and then transactions by created_at windows. Each window's checkpoint moves after it is written, so
/// a killed sync resumes at the window it was in; every write is an upsert, so re-reading changes nothing.
/// </summary>
public sealed class BraintreeSynchronizer(
    IBraintreeClient client,
    BraintreeObjectImporter importer,
    BraintreeSourceConnections connections,
    SyncCheckpointStore checkpoints,
    IDbContextFactory<DashboardDbContext> contextFactory,
    IOptions<BraintreeOptions> options,
    TimeProvider time) : ISourceSynchronizer
{
    public const string OpenSubscriptions = "open_subscriptions";

    /// <summary>The checkpointed kinds, in the order a sync runs them.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        [BraintreeObjectImporter.Customers, OpenSubscriptions, BraintreeObjectImporter.Subscriptions, BraintreeObjectImporter.Transactions];

    private static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaximumWindow = TimeSpan.FromDays(3660);

    public SourceProvider Provider => SourceProvider.Braintree;

    public async Task<SyncMode> PlanAsync(Source source, CancellationToken cancellationToken)
    {
        var stored = await checkpoints.LoadAsync(source.Id, cancellationToken);
        var present = Kinds.Where(stored.ContainsKey).ToList();
        return present.Count == 0 || present.All(k => stored[k].Cursor is null && !stored[k].Completed) ? SyncMode.Full
            : Kinds.All(k => stored.TryGetValue(k, out var c) && c.Completed) ? SyncMode.Incremental
            : SyncMode.Resume;
    }

    public async Task SyncAsync(Source source, SyncMode mode, SyncProgress progress, CancellationToken cancellationToken)
    {
        if (mode == SyncMode.Full)
        {
            await checkpoints.ResetAsync(source.Id, Kinds, cancellationToken);
        }

        var scope = await OpenAsync(source, progress, cancellationToken);
        progress.Begin(BraintreeObjectImporter.Plans, 0, scope.Catalog.Plans.Count);
        await importer.ImportPlansAsync(scope, cancellationToken);
        progress.Advance(BraintreeObjectImporter.Plans, scope.Catalog.Plans.Count);
        progress.Complete(BraintreeObjectImporter.Plans);

        // One end for every window of this run: an object created before it has its customer (and subscription) read too.
        var end = time.GetUtcNow();
        await WindowsAsync(scope, BraintreeObjectImporter.Customers, BraintreeSearchKind.Customers, end, importer.ImportCustomersAsync, cancellationToken);
        await OpenSubscriptionsAsync(scope, cancellationToken);
        await WindowsAsync(scope, BraintreeObjectImporter.Subscriptions, BraintreeSearchKind.Subscriptions, end,
            (s, page, ct) => importer.ImportSubscriptionsAsync(s, page, withTransactions: false, ct), cancellationToken);
        await WindowsAsync(scope, BraintreeObjectImporter.Transactions, BraintreeSearchKind.Transactions, end, importer.ImportTransactionsAsync, cancellationToken);
    }

    /// <summary>Reads the merchant's accounts (currencies) and plans: the catalog every mapping needs.</summary>
    public async Task<BraintreeSyncScope> OpenAsync(Source source, SyncProgress? progress, CancellationToken cancellationToken)
    {
        var connection = connections.Connect(source);
        var accounts = await client.MerchantAccountsAsync(connection, cancellationToken);
        var plans = await client.PlansAsync(connection, cancellationToken);
        return new BraintreeSyncScope(source.Id, connection, new BraintreeCatalog(plans, accounts), progress);
    }

    /// <summary>
    /// Walks created_at windows from the checkpoint (less <see cref="BraintreeOptions.WindowOverlap"/> once the kind
    /// was complete) to <paramref name="end"/>: each window's ids, then its objects 50 a request, a few requests at
    /// once, written in groups; the checkpoint moves to the window's end once all of it is written. Windows adapt:
    /// one whose search answers more than <see cref="BraintreeOptions.MaxIdsPerWindow"/> ids is searched again at half
    /// the span, and the span doubles after a sparse window, so an empty decade costs a few requests and a busy day
    /// never holds more than that many ids.
    /// </summary>
    private async Task WindowsAsync(
        BraintreeSyncScope scope,
        string kind,
        BraintreeSearchKind search,
        DateTimeOffset end,
        Func<BraintreeSyncScope, IReadOnlyList<XElement>, CancellationToken, Task> import,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var stored = (await checkpoints.LoadAsync(scope.SourceId, cancellationToken)).GetValueOrDefault(kind);
        var start = stored?.Cursor is { } cursor
            ? DateTimeOffset.Parse(cursor, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) - (stored.Completed ? settings.WindowOverlap : TimeSpan.Zero)
            : settings.EarliestCreatedAt;
        var done = stored?.Done ?? 0;
        var span = settings.SearchWindow > TimeSpan.Zero ? settings.SearchWindow : TimeSpan.FromDays(365);
        var limit = Math.Max(1, settings.MaxIdsPerWindow);
        scope.Progress?.Begin(kind, done, stored?.Total is { } t && t > done ? t : null);
        var previous = new HashSet<string>(StringComparer.Ordinal);
        while (start < end)
        {
            // Both bounds are inclusive: an object created at a window's end is found again by the next window.
            var windowEnd = end - start > span ? start + span : end;
            var found = await client.SearchIdsAsync(scope.Connection, search, start, windowEnd, cancellationToken);
            if (found.Count > limit && windowEnd - start > MinimumWindow)
            {
                span = (windowEnd - start) / 2;
                continue;
            }

            var ids = found.Where(id => !previous.Contains(id)).ToList();
            previous = new HashSet<string>(found, StringComparer.Ordinal);
            await FetchAndImportAsync(scope, kind, search, ids, import, cancellationToken);
            done += ids.Count;
            await checkpoints.SaveAsync(scope.SourceId, kind, Format(windowEnd), done, null, completed: windowEnd >= end, cancellationToken);
            start = windowEnd;
            if (found.Count <= limit / 4 && span < MaximumWindow)
            {
                span *= 2;
            }
        }

        await checkpoints.SaveAsync(scope.SourceId, kind, Format(end), done, done, completed: true, cancellationToken);
        scope.Progress?.Complete(kind);
    }

    /// <summary>
    /// Re-fetches, 50 at a time in external id order, every stored subscription without an end, so a cancellation,
    /// expiry or price change made since the last sync is seen. Resumes after the last id it wrote.
    /// </summary>
    private async Task OpenSubscriptionsAsync(BraintreeSyncScope scope, CancellationToken cancellationToken)
    {
        var stored = (await checkpoints.LoadAsync(scope.SourceId, cancellationToken)).GetValueOrDefault(OpenSubscriptions);
        var after = stored is { Completed: false } ? stored.Cursor : null;
        var done = stored is { Completed: false } ? stored.Done : 0;
        scope.Progress?.Begin(OpenSubscriptions, done, null);
        var batch = Math.Max(1, options.Value.WriteBatchSize);
        while (true)
        {
            List<string> ids;
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                var query = db.Subscriptions.AsNoTracking().Where(s => s.SourceId == scope.SourceId && s.CanceledAt == null);
                if (after is not null)
                {
                    query = query.Where(s => string.Compare(s.ExternalId, after) > 0);
                }

                ids = await query.OrderBy(s => s.ExternalId).Select(s => s.ExternalId).Take(batch).ToListAsync(cancellationToken);
            }

            if (ids.Count == 0)
            {
                break;
            }

            await FetchAndImportAsync(scope, OpenSubscriptions, BraintreeSearchKind.Subscriptions, ids,
                (s, page, ct) => importer.ImportSubscriptionsAsync(s, page, withTransactions: false, ct), cancellationToken);
            after = ids[^1];
            done += ids.Count;
            await checkpoints.SaveAsync(scope.SourceId, OpenSubscriptions, after, done, null, completed: false, cancellationToken);
        }

        await checkpoints.SaveAsync(scope.SourceId, OpenSubscriptions, null, done, done, completed: true, cancellationToken);
        scope.Progress?.Complete(OpenSubscriptions);
    }

    /// <summary>
    /// Fetches ids in pages of at most 50, a few pages at once, and writes them in groups of up to WriteBatchSize; the
    /// next group is already being fetched while one is written. Memory holds two groups at most.
    /// </summary>
    private async Task FetchAndImportAsync(
        BraintreeSyncScope scope,
        string kind,
        BraintreeSearchKind search,
        IReadOnlyList<string> ids,
        Func<BraintreeSyncScope, IReadOnlyList<XElement>, CancellationToken, Task> import,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var pageSize = Math.Clamp(settings.SearchPageSize, 1, BraintreeClient.MaxSearchPage);
        var groups = ids.Chunk(pageSize).Chunk(Math.Max(1, settings.WriteBatchSize / pageSize)).ToList();
        using var concurrency = new SemaphoreSlim(Math.Max(1, settings.FetchConcurrency));
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<List<XElement>>? next = groups.Count > 0 ? FetchGroupAsync(groups[0]) : null;
        try
        {
            for (var g = 0; g < groups.Count; g++)
            {
                var group = await next!;
                next = g + 1 < groups.Count ? FetchGroupAsync(groups[g + 1]) : null;
                await import(scope, group, cancellationToken);
                scope.Progress?.Advance(kind, group.Count);
            }
        }
        finally
        {
            // A failed write leaves the group read ahead unwanted: stop it and observe its outcome.
            if (next is not null)
            {
                await stopReading.CancelAsync();
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        async Task<List<XElement>> FetchGroupAsync(string[][] pages)
        {
            var fetches = pages.Select(async page =>
            {
                await concurrency.WaitAsync(stopReading.Token);
                try
                {
                    return await client.FetchAsync(scope.Connection, search, page, stopReading.Token);
                }
                finally
                {
                    concurrency.Release();
                }
            }).ToList();
            return (await Task.WhenAll(fetches)).SelectMany(p => p).ToList();
        }
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
