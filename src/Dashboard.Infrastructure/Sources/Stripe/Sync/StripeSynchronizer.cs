using System.Threading.Channels;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Events;
using Dashboard.Infrastructure.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>
/// Syncs a Stripe source. The first time (or when the events cursor is older than Stripe keeps events) it imports
/// everything, kind by kind, page by page, checkpointing each page so a killed import resumes where it stopped;
/// afterwards it applies the events since the last one seen. Re-processing a page or an event is harmless: every
/// write is an upsert by external id.
/// </summary>
internal sealed class StripeSynchronizer(
    IStripeApi client,
    StripeObjectImporter importer,
    StripeEventLedger ledger,
    StripeSourceConnections connections,
    SyncCheckpointStore checkpoints,
    IOptions<StripeOptions> options,
    TimeProvider time,
    ILogger<StripeSynchronizer> logger) : ISourceSynchronizer
{
    public const string EventsKind = "events";

    /// <summary>The sync error kind recorded when the key may not read test clocks.</summary>
    public const string TestClocksKind = "test_clocks";

    /// <summary>The full import's kinds in dependency order: plans before subscriptions, invoices' links before charges.</summary>
    public static readonly IReadOnlyList<string> FullKinds =
    [
        StripeObjectImporter.Prices, StripeObjectImporter.Customers, StripeObjectImporter.Subscriptions,
        StripeObjectImporter.Charges, StripeObjectImporter.Refunds, StripeObjectImporter.CreditNotes,
        StripeObjectImporter.Disputes,
    ];

    public SourceProvider Provider => SourceProvider.Stripe;

    public async Task<SyncMode> PlanAsync(Source source, CancellationToken cancellationToken)
    {
        var stored = await checkpoints.LoadAsync(source.Id, cancellationToken);
        var complete = FullKinds.All(k => stored.TryGetValue(k, out var c) && c.Completed);
        if (complete && stored.TryGetValue(EventsKind, out var events) && events.Completed && !Expired(events))
        {
            return SyncMode.Incremental;
        }

        // An import under way (its events anchor not yet marked complete) continues from its checkpoints, unless it
        // began longer ago than Stripe keeps events: the changes made since to what it had read may be gone.
        return stored.TryGetValue(EventsKind, out var anchor) && !anchor.Completed && !Expired(anchor) ? SyncMode.Resume : SyncMode.Full;
    }

    public async Task SyncAsync(Source source, SyncMode mode, SyncProgress progress, CancellationToken cancellationToken)
    {
        var scope = new StripeSyncScope(source.Id, connections.Connect(source), progress);
        if (mode == SyncMode.Incremental)
        {
            try
            {
                await ApplyEventsAsync(scope, cancellationToken);
                return;
            }
            catch (Sdk.StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
            {
                logger.LogWarning("Source {SourceId}: the last seen event is gone from Stripe; re-scanning everything", source.Id);
                mode = SyncMode.Full;
            }
        }

        if (mode == SyncMode.Full)
        {
            await StartFullImportAsync(scope, cancellationToken);
        }

        await ImportEverythingAsync(scope, cancellationToken);
        try
        {
            await ApplyEventsAsync(scope, cancellationToken);
        }
        catch (Sdk.StripeException e) when (mode == SyncMode.Resume && e.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The event the resumed import started from aged out while it was paused: start over.
            logger.LogWarning("Source {SourceId}: the event the paused import started from is gone from Stripe; importing everything again", source.Id);
            await StartFullImportAsync(scope, cancellationToken);
            await ImportEverythingAsync(scope, cancellationToken);
            await ApplyEventsAsync(scope, cancellationToken);
        }
    }

    private Task ImportEverythingAsync(StripeSyncScope scope, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.Value.EventRetention;
        return ImportAllAsync(scope with { ImportEvents = new StripeImportEvents(client, scope.Connection, since, options.Value.PageSize) }, cancellationToken);
    }

    /// <summary>
    /// The events cursor (or a paused import's starting event) was saved longer ago than Stripe keeps events: what came
    /// between may be lost.
    /// </summary>
    private bool Expired(SyncCheckpoint events) => time.GetUtcNow() - events.UpdatedAt > options.Value.EventRetention;

    /// <summary>
    /// Starts every kind over and remembers the newest event before reading anything, so the changes made while the
    /// import runs are applied from the events afterwards.
    /// </summary>
    private async Task StartFullImportAsync(StripeSyncScope scope, CancellationToken cancellationToken)
    {
        await checkpoints.ResetAsync(scope.SourceId, FullKinds, cancellationToken);
        var newest = await client.ListPageAsync(scope.Connection, StripeListRequest.Events, null, cancellationToken);
        await checkpoints.SaveAsync(scope.SourceId, EventsKind, newest.Data.FirstOrDefault()?.Id, 0, null, completed: false, cancellationToken);
    }

    /// <summary>
    /// The account's test clocks; none, with a sync error saying so, when the key may not read them (a restricted key
    /// without the test clocks permission is answered 403): the rest of the account still imports.
    /// </summary>
    private async Task<IReadOnlyList<Sdk.TestHelpers.TestClock>> TestClocksOrNoneAsync(StripeSyncScope scope, CancellationToken cancellationToken)
    {
        try
        {
            return await client.TestClocksAsync(scope.Connection, cancellationToken);
        }
        catch (Sdk.StripeException e) when (e.HttpStatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            logger.LogWarning("Source {SourceId}: the key may not read test clocks; customers and subscriptions on test clocks are skipped", scope.SourceId);
            await checkpoints.RecordErrorAsync(scope.SourceId, TestClocksKind,
                "permission", $"Test clocks not read (the key lacks the Test clocks read permission): {e.Message}", cancellationToken);
            return [];
        }
    }

    private async Task ImportAllAsync(StripeSyncScope scope, CancellationToken cancellationToken)
    {
        var stored = await checkpoints.LoadAsync(scope.SourceId, cancellationToken);
        var subscriptionsDone = stored.TryGetValue(StripeObjectImporter.Subscriptions, out var subscriptions) && subscriptions.Completed;
        var customersDone = stored.TryGetValue(StripeObjectImporter.Customers, out var customers) && customers.Completed;

        // Customers and subscriptions on test clocks are listed only per clock (test mode only): one more list each.
        IReadOnlyList<string?> segments = [null];
        if (scope.Connection.IsTestMode && !(customersDone && subscriptionsDone))
        {
            segments = [null, .. (await TestClocksOrNoneAsync(scope, cancellationToken)).Select(c => c.Id)];
        }

        await PassAsync(scope, StripeObjectImporter.Prices, StripeListRequest.Prices, stored, segments, importer.ImportPricesAsync, cancellationToken);
        await PassAsync(scope, StripeObjectImporter.Customers, StripeListRequest.Customers, stored, segments, importer.ImportCustomersAsync, cancellationToken);

        // The invoice list is read along the subscriptions pass, the next group's invoices while a group is written;
        // it lives only for that pass and is read again from its start when a killed import resumes (it writes nothing).
        using (var stopIndex = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var invoices = subscriptionsDone
                ? StripeInvoiceIndex.Empty
                : StripeInvoiceIndex.Over(client, scope.Connection, options.Value.InvoiceIndexLimit, options.Value.WriteBatchSize, stopIndex.Token);
            try
            {
                await PassAsync(scope, StripeObjectImporter.Subscriptions, StripeListRequest.Subscriptions, stored, segments,
                    (s, page, ct) => importer.ImportSubscriptionsAsync(s, page, ct, invoiceIndex: invoices), cancellationToken);
            }
            finally
            {
                await stopIndex.CancelAsync();
                await invoices.StoppedAsync();
            }
        }

        await PassAsync(scope, StripeObjectImporter.Charges, StripeListRequest.Charges, stored, segments, importer.ImportChargesAsync, cancellationToken);
        await PassAsync(scope, StripeObjectImporter.Refunds, StripeListRequest.Refunds, stored, segments, importer.ImportRefundsAsync, cancellationToken);
        await PassAsync(scope, StripeObjectImporter.CreditNotes, StripeListRequest.CreditNotes, stored, segments, importer.ImportCreditNotesAsync, cancellationToken);
        await PassAsync(scope, StripeObjectImporter.Disputes, StripeListRequest.Disputes, stored, segments, importer.ImportDisputesAsync, cancellationToken);
        var events = stored.GetValueOrDefault(EventsKind);
        await checkpoints.SaveAsync(scope.SourceId, EventsKind, events?.Cursor, events?.Done ?? 0, null, completed: true, cancellationToken);
    }

    /// <summary>
    /// Reads one kind page by page from its checkpoint, gathering consecutive pages up to <see cref="StripeOptions.WriteBatchSize"/>
    /// objects, and writes each group in one batch before moving the checkpoint past it. The next page is already
    /// being read while a group is written. Memory holds one group and one page, whatever the account's size.
    /// Lists that hide test-clock objects are read once for the account and once per test clock (<paramref name="segments"/>).
    /// </summary>
    private async Task PassAsync<T>(
        StripeSyncScope scope,
        string kind,
        StripeListRequest<T> request,
        IReadOnlyDictionary<string, SyncCheckpoint> stored,
        IReadOnlyList<string?> segments,
        Func<StripeSyncScope, IReadOnlyList<T>, CancellationToken, Task> import,
        CancellationToken cancellationToken)
        where T : Sdk.IHasId
    {
        var checkpoint = stored.GetValueOrDefault(kind);
        if (checkpoint is { Completed: true })
        {
            scope.Progress?.Begin(kind, checkpoint.Done, checkpoint.Total);
            scope.Progress?.Complete(kind);
            return;
        }

        IReadOnlyList<string?> lists = StripeListRequest.ListsPerTestClock(request.Name) ? segments : [null];
        var resume = StripeListCursor.Parse(checkpoint?.Cursor);
        var first = resume is null ? 0 : IndexOf(lists, resume.TestClock);
        if (first < 0)
        {
            // The test clock the pass stopped on is gone: read every list again (writes are upserts).
            (resume, first) = (null, 0);
        }

        var pass = new PassState(checkpoint?.Done ?? 0, checkpoint?.Total);
        scope.Progress?.Begin(kind, pass.Done, pass.Total);
        for (var i = first; i < lists.Count; i++)
        {
            await SegmentAsync(scope, kind, request, lists[i], i == first ? resume : null, pass, import, cancellationToken);
        }

        await checkpoints.SaveAsync(scope.SourceId, kind, null, pass.Done, pass.Done, completed: true, cancellationToken);
        scope.Progress?.Complete(kind);
    }

    private static int IndexOf(IReadOnlyList<string?> lists, string? clock)
    {
        for (var i = 0; i < lists.Count; i++)
        {
            if (string.Equals(lists[i], clock, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Objects written so far by a pass, and its expected total.</summary>
    private sealed class PassState(long done, long? total)
    {
        public long Done { get; set; } = done;
        public long? Total { get; } = total;
        public long? Remaining => Total is { } t && t > Done ? t : null;
    }

    /// <summary>
    /// One list of a pass (the account's objects, or one test clock's) from <paramref name="resume"/>. Pages are read by
    /// a reader task up to one write group ahead (a bounded queue), so reading the next group overlaps writing this
    /// one; memory holds at most two groups. When Stripe no longer knows the object a page starts after (404
    /// <c>resource_missing</c> on <c>starting_after</c>: it was deleted), the list restarts at that object's creation
    /// time (<c>created[lte]</c>); objects of that same second are read again and written again as upserts, and
    /// skipped if the group being gathered already holds them.
    /// </summary>
    private async Task SegmentAsync<T>(
        StripeSyncScope scope,
        string kind,
        StripeListRequest<T> request,
        string? clock,
        StripeListCursor? resume,
        PassState pass,
        Func<StripeSyncScope, IReadOnlyList<T>, CancellationToken, Task> import,
        CancellationToken cancellationToken)
        where T : Sdk.IHasId
    {
        var batchSize = Math.Max(1, options.Value.WriteBatchSize);
        var pagesAhead = Math.Max(1, (batchSize + options.Value.PageSize - 1) / Math.Max(1, options.Value.PageSize));
        var pages = Channel.CreateBounded<(IReadOnlyList<T> Data, StripeListCursor? After)>(
            new BoundedChannelOptions(pagesAhead) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => ReadPagesAsync(scope, kind, request, clock, resume, pages.Writer, stopReading.Token), stopReading.Token);
        try
        {
            var cursor = resume;
            var group = new List<T>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            async Task WriteGroupAsync()
            {
                await import(scope, group, cancellationToken);
                pass.Done += group.Count;
                scope.Progress?.Advance(kind, group.Count);
                await checkpoints.SaveAsync(scope.SourceId, kind, cursor?.Format(), pass.Done, pass.Remaining, completed: false, cancellationToken);
                group = [];
                ids.Clear();
            }

            while (true)
            {
                bool more;
                try
                {
                    more = await pages.Reader.WaitToReadAsync(cancellationToken);
                }
                catch (Exception) when (group.Count > 0 && !cancellationToken.IsCancellationRequested)
                {
                    // Reading failed for good: keep what was read, so the next sync resumes right after it.
                    await WriteGroupAsync();
                    throw;
                }

                if (!more)
                {
                    break;
                }

                while (pages.Reader.TryRead(out var page))
                {
                    group.AddRange(page.Data.Where(o => ids.Add(o.Id)));
                    cursor = page.After ?? cursor;
                    if (group.Count >= batchSize)
                    {
                        await WriteGroupAsync();
                    }
                }
            }

            if (group.Count > 0)
            {
                await WriteGroupAsync();
            }
        }
        finally
        {
            // A failed write leaves the pages read ahead unwanted: stop the reader and observe its outcome.
            await stopReading.CancelAsync();
            await reader.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Reads a list's pages into <paramref name="pages"/>, restarting from the time checkpoint when the cursor object is gone.</summary>
    private async Task ReadPagesAsync<T>(
        StripeSyncScope scope,
        string kind,
        StripeListRequest<T> request,
        string? clock,
        StripeListCursor? resume,
        ChannelWriter<(IReadOnlyList<T> Data, StripeListCursor? After)> pages,
        CancellationToken cancellationToken)
        where T : Sdk.IHasId
    {
        try
        {
            var cursor = resume;
            DateTimeOffset? createdAtMost = null;
            var restarts = 0;
            while (true)
            {
                Sdk.StripeList<T> page;
                try
                {
                    page = await client.ListPageAtAsync(scope.Connection, request, new StripeListPosition(cursor?.ObjectId, clock, createdAtMost), cancellationToken);
                }
                catch (Sdk.StripeException e) when (IsMissingCursor(e) && cursor is not null && restarts < MaxCursorRestarts)
                {
                    restarts++;
                    logger.LogWarning("Source {SourceId}: {Kind} cursor {Cursor} is gone from Stripe; reading again from its creation time",
                        scope.SourceId, kind, cursor.ObjectId);
                    createdAtMost = cursor.CreatedSeconds is { } seconds ? StripeTime.ToInstant(seconds) : null;
                    cursor = null;
                    continue;
                }

                if (page.Data.Count > 0)
                {
                    var last = page.Data[^1];
                    cursor = new StripeListCursor(clock, last.Id, request.CreatedOf is { } createdOf ? StripeTime.Seconds(createdOf(last)) : null);
                }

                await pages.WriteAsync((page.Data, page.Data.Count > 0 ? cursor : null), cancellationToken);
                if (!page.HasMore || page.Data.Count == 0)
                {
                    pages.Complete();
                    return;
                }
            }
        }
        catch (Exception e)
        {
            pages.TryComplete(e);
        }
    }

    /// <summary>How often one list may restart from a time checkpoint in a run before the error stands.</summary>
    private const int MaxCursorRestarts = 20;

    /// <summary>Stripe's answer when <c>starting_after</c> names an object it no longer has: 404 <c>resource_missing</c> on that parameter.</summary>
    internal static bool IsMissingCursor(Sdk.StripeException e) =>
        e.HttpStatusCode == System.Net.HttpStatusCode.NotFound
        && e.StripeError is { Code: "resource_missing", Param: "starting_after" };

    /// <summary>
    /// Applies the events after the cursor, oldest first: each page holds the events just newer than the cursor
    /// (ending_before), and the cursor moves to the newest applied. An event that fails is recorded, not retried forever.
    /// </summary>
    private async Task ApplyEventsAsync(StripeSyncScope scope, CancellationToken cancellationToken)
    {
        var stored = await checkpoints.LoadAsync(scope.SourceId, cancellationToken);
        var checkpoint = stored.GetValueOrDefault(EventsKind);
        var cursor = checkpoint?.Cursor;
        var done = checkpoint?.Done ?? 0;
        scope.Progress?.Begin(EventsKind, done, null);
        if (cursor is null)
        {
            // No event existed when the import began: every event Stripe has now is newer. Start from the oldest.
            var oldest = await FindOldestEventAsync(scope, cancellationToken);
            if (oldest is null)
            {
                scope.Progress?.Complete(EventsKind);
                return;
            }

            await ApplyAsync(scope, oldest, cancellationToken);
            cursor = oldest.Id;
            done++;
            await checkpoints.SaveAsync(scope.SourceId, EventsKind, cursor, done, null, completed: true, cancellationToken);
        }

        while (true)
        {
            var page = await client.ListPageAsync(scope.Connection, StripeListRequest.Events, null, cancellationToken, endingBefore: cursor);
            for (var i = page.Data.Count - 1; i >= 0; i--)
            {
                await ApplyAsync(scope, page.Data[i], cancellationToken);
            }

            if (page.Data.Count > 0)
            {
                cursor = page.Data[0].Id;
                done += page.Data.Count;
                scope.Progress?.Advance(EventsKind, page.Data.Count);
                await checkpoints.SaveAsync(scope.SourceId, EventsKind, cursor, done, null, completed: true, cancellationToken);
            }

            if (!page.HasMore || page.Data.Count == 0)
            {
                scope.Progress?.Complete(EventsKind);
                return;
            }
        }
    }

    private async Task ApplyAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.ApplyOnceAsync(scope, stripeEvent, StripeEventLedger.ViaEvents, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && !StripeResilience.IsTransient(e, cancellationToken))
        {
            scope.Progress?.Error();
            await checkpoints.RecordErrorAsync(scope.SourceId, EventsKind, stripeEvent.Id, $"{stripeEvent.Type}: {e.Message}", cancellationToken);
        }
    }

    /// <summary>Walks the events list to its end keeping only the last one seen, so memory stays flat.</summary>
    private async Task<Sdk.Event?> FindOldestEventAsync(StripeSyncScope scope, CancellationToken cancellationToken)
    {
        Sdk.Event? oldest = null;
        await foreach (var stripeEvent in client.Client(scope.Connection).V1.Events.ListAutoPagingAsync(
                           new Sdk.EventListOptions { Limit = options.Value.PageSize }, null, cancellationToken))
        {
            oldest = stripeEvent;
        }

        return oldest;
    }
}
