using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Import;

/// <summary>
/// Group commit for single-object writes (the REST API's one-object-per-request calls). Writes that arrive while a
/// transaction for their source is running wait and then go into the next transaction together, so a burst of
/// concurrent requests pays for one BEGIN, one set of lookups and one COMMIT instead of one each. Each caller still
/// gets exactly what importing its operation alone would give: a batch that is refused or collides is re-run one
/// operation at a time, and two writes of the same object never share a batch, so their order is kept.
/// </summary>
public sealed partial class BillingImporter
{
    /// <summary>Enough to amortise a transaction; small enough that one batch never holds the write lock for long.</summary>
    internal const int MaxGroupedWrites = 256;

    private readonly Lock groupLock = new();
    private readonly Dictionary<long, WriteQueue> writeQueues = [];

    /// <summary>
    /// Imports one operation, possibly in one transaction with other callers' concurrent single writes to the same
    /// source. Throws <see cref="ImportValidationException"/> and <see cref="ImportConflictException"/> exactly as
    /// <see cref="ImportAsync(ImportBatch, CancellationToken)"/> with a batch of this operation alone would.
    /// </summary>
    public async Task<ImportItemResult> ImportOneAsync(long sourceId, ImportOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation is Deletion)
        {
            // A deletion cascades to other objects; it keeps a transaction of its own.
            return (await ImportAsync(new ImportBatch(sourceId) { operation }, cancellationToken)).Items[0];
        }

        var invalid = OperationValidator.Validate([operation]);
        if (invalid.Count > 0)
        {
            throw new ImportValidationException(invalid);
        }

        var write = new PendingWrite(operation);
        bool startDrain;
        WriteQueue queue;
        lock (groupLock)
        {
            if (!writeQueues.TryGetValue(sourceId, out queue!))
            {
                queue = new WriteQueue();
                writeQueues[sourceId] = queue;
            }

            queue.Waiting.Add(write);
            startDrain = !queue.Draining;
            queue.Draining = true;
        }

        if (startDrain)
        {
            // A drain loop of its own rather than the first caller's request: under steady load the loop keeps going,
            // and no caller should wait for other callers' batches after its own is done.
            _ = Task.Run(() => DrainAsync(sourceId, queue), CancellationToken.None);
        }

        return await write.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync(long sourceId, WriteQueue queue)
    {
        while (true)
        {
            List<PendingWrite> round;
            lock (groupLock)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Draining = false;
                    writeQueues.Remove(sourceId);
                    return;
                }

                round = TakeRound(queue.Waiting);
            }

            await ImportRoundAsync(sourceId, round);
        }
    }

    /// <summary>Up to <see cref="MaxGroupedWrites"/> waiting writes, at most one per object; later writes of an object wait for the next round.</summary>
    private static List<PendingWrite> TakeRound(List<PendingWrite> waiting)
    {
        var round = new List<PendingWrite>(Math.Min(waiting.Count, MaxGroupedWrites));
        var objects = new HashSet<(ImportObjectKind, string?)>();
        var left = new List<PendingWrite>();
        foreach (var write in waiting)
        {
            if (round.Count < MaxGroupedWrites && objects.Add((write.Operation.ObjectKind, write.Operation.Oid)))
            {
                round.Add(write);
            }
            else
            {
                left.Add(write);
            }
        }

        waiting.Clear();
        waiting.AddRange(left);
        return round;
    }

    private async Task ImportRoundAsync(long sourceId, List<PendingWrite> round)
    {
        if (round.Count > 1)
        {
            var batch = new ImportBatch(sourceId);
            batch.AddRange(round.Select(w => w.Operation));
            try
            {
                var result = await ImportValidatedAsync(batch, CancellationToken.None);
                for (var i = 0; i < round.Count; i++)
                {
                    round[i].Done.TrySetResult(result.Items[i] with { Index = 0 });
                }

                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One refused or colliding write must not fail the others, and its caller must get the errors of its
                // own operation: fall back to one transaction per write.
            }
        }

        foreach (var write in round)
        {
            try
            {
                var result = await ImportValidatedAsync(new ImportBatch(sourceId) { write.Operation }, CancellationToken.None);
                write.Done.TrySetResult(result.Items[0]);
            }
            catch (Exception exception)
            {
                write.Done.TrySetException(exception);
            }
        }
    }

    private sealed class PendingWrite(ImportOperation operation)
    {
        public ImportOperation Operation { get; } = operation;

        public TaskCompletionSource<ImportItemResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class WriteQueue
    {
        public List<PendingWrite> Waiting { get; } = [];

        public bool Draining { get; set; }
    }
}
