using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Attributes;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Sync;

/// <summary>What a connector's sync writes for: its source and the progress it reports (null when nobody watches).</summary>
public interface ISyncScope
{
    long SourceId { get; }

    SyncProgress? Progress { get; }
}

/// <summary>One provider object's operations, written together or refused together.</summary>
public sealed record PendingObject(string Kind, string ExternalId, IReadOnlyList<ImportOperation> Operations);

/// <summary>
/// Writes a group of a connector's mapped objects through the <see cref="BillingImporter"/> in one batch. When the
/// importer refuses some operations, their objects are recorded as sync errors and the rest are written without them,
/// so one bad object never blocks the others and is never dropped silently. Every connector writes through it.
/// </summary>
public sealed class SourceStoreWriter(BillingImporter importer, AttributeFieldService attributeFields, SyncCheckpointStore checkpoints)
{
    private readonly HashSet<string> knownAttributeKeys = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim attributeGate = new(1, 1);

    public async Task WriteAsync(ISyncScope scope, IReadOnlyList<PendingObject> objects, CancellationToken cancellationToken)
    {
        await EnsureAttributeFieldsAsync(objects, cancellationToken);
        var remaining = objects.Where(o => o.Operations.Count > 0).ToList();
        while (remaining.Count > 0)
        {
            var batch = new ImportBatch(scope.SourceId);
            var owners = new List<PendingObject>();
            foreach (var item in remaining)
            {
                foreach (var operation in item.Operations)
                {
                    batch.Add(operation);
                    owners.Add(item);
                }
            }

            try
            {
                await importer.ImportAsync(batch, cancellationToken);
                return;
            }
            catch (ImportValidationException refused)
                when (refused.Errors.Count > 0 && refused.Errors.All(e => e.Index >= 0 && e.Index < owners.Count))
            {
                var failed = new HashSet<PendingObject>();
                foreach (var group in refused.Errors.GroupBy(e => owners[e.Index]))
                {
                    failed.Add(group.Key);
                    var message = string.Join("; ", group.Select(e => $"{e.Field}: {e.Message}"));
                    await RecordErrorAsync(scope, group.Key.Kind, group.Key.ExternalId, message, cancellationToken);
                }

                remaining.RemoveAll(failed.Contains);
            }
        }
    }

    public async Task RecordErrorAsync(ISyncScope scope, string kind, string externalId, string message, CancellationToken cancellationToken)
    {
        scope.Progress?.Error();
        await checkpoints.RecordErrorAsync(scope.SourceId, kind, externalId, message, cancellationToken);
    }

    /// <summary>Custom field and metadata keys become string attribute fields with the same key, created on first sight.</summary>
    private async Task EnsureAttributeFieldsAsync(IReadOnlyList<PendingObject> objects, CancellationToken cancellationToken)
    {
        var keys = objects.SelectMany(o => o.Operations).OfType<CustomerAttributeImport>()
            .Select(a => a.Key!).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        await attributeGate.WaitAsync(cancellationToken);
        try
        {
            foreach (var key in keys.Where(k => !knownAttributeKeys.Contains(k)))
            {
                try
                {
                    await attributeFields.EnsureAsync(key, AttributeType.String, key, cancellationToken);
                }
                catch (ImportValidationException)
                {
                    // The field exists with another type: values that do not fit it are refused and recorded per customer.
                }

                knownAttributeKeys.Add(key);
            }
        }
        finally
        {
            attributeGate.Release();
        }
    }
}
