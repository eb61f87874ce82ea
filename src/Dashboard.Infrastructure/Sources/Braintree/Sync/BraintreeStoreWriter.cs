using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Attributes;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Sync;

namespace Dashboard.Infrastructure.Sources.Braintree.Sync;

/// <summary>One Braintree object's operations, written together or refused together.</summary>
public sealed record BraintreePendingObject(string Kind, string ExternalId, IReadOnlyList<ImportOperation> Operations);

/// <summary>
/// Writes mapped objects through the <see cref="BillingImporter"/> in one batch. When the importer refuses some
/// operations, their objects are recorded as sync errors and the rest are written without them.
/// </summary>
public sealed class BraintreeStoreWriter(BillingImporter importer, AttributeFieldService attributeFields, SyncCheckpointStore checkpoints)
{
    private readonly HashSet<string> knownAttributeKeys = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim attributeGate = new(1, 1);

    public async Task WriteAsync(BraintreeSyncScope scope, IReadOnlyList<BraintreePendingObject> objects, CancellationToken cancellationToken)
    {
        await EnsureAttributeFieldsAsync(objects, cancellationToken);
        var remaining = objects.Where(o => o.Operations.Count > 0).ToList();
        while (remaining.Count > 0)
        {
            var batch = new ImportBatch(scope.SourceId);
            var owners = new List<BraintreePendingObject>();
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
            catch (ImportValidationException refused) when (refused.Errors.All(e => e.Index >= 0 && e.Index < owners.Count))
            {
                var failed = new HashSet<BraintreePendingObject>();
                foreach (var group in refused.Errors.GroupBy(e => owners[e.Index]))
                {
                    failed.Add(group.Key);
                    await RecordErrorAsync(scope, group.Key.Kind, group.Key.ExternalId, string.Join("; ", group.Select(e => $"{e.Field}: {e.Message}")), cancellationToken);
                }

                remaining.RemoveAll(failed.Contains);
            }
        }
    }

    public async Task RecordErrorAsync(BraintreeSyncScope scope, string kind, string externalId, string message, CancellationToken cancellationToken)
    {
        scope.Progress?.Error();
        await checkpoints.RecordErrorAsync(scope.SourceId, kind, externalId, message, cancellationToken);
    }

    /// <summary>Custom field names become string attribute fields with the same key, created on first sight.</summary>
    private async Task EnsureAttributeFieldsAsync(IReadOnlyList<BraintreePendingObject> objects, CancellationToken cancellationToken)
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
