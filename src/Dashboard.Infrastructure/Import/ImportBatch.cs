using System.Collections;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Import;

/// <summary>
/// Operations on one source, applied together in one transaction or not at all. The batch describes facts, not a
/// script: it is applied by kind in dependency order (plans, customers, subscriptions with their changes in the
/// order given, charges, refunds, attribute values, then deletions), so objects may reference each other in any
/// order. Upserting and deleting the same object in one batch is rejected as ambiguous.
/// </summary>
public sealed class ImportBatch(long sourceId) : IEnumerable<ImportOperation>
{
    private readonly List<ImportOperation> operations = [];

    public long SourceId { get; } = sourceId;

    public IReadOnlyList<ImportOperation> Operations => operations;

    public void Add(ImportOperation operation) => operations.Add(operation);

    public void AddRange(IEnumerable<ImportOperation> items) => operations.AddRange(items);

    public IEnumerator<ImportOperation> GetEnumerator() => operations.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
