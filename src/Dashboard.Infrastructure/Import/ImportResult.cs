using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Import;

public enum ImportOutcome
{
    Created,
    Updated,

    /// <summary>The object already had exactly these values (a retried post, a repeated change).</summary>
    Unchanged,
    Deleted,

    /// <summary>A deletion of an object that does not exist.</summary>
    NotFound,
}

/// <summary>What happened to the operation at <see cref="Index"/> of the batch; <see cref="Id"/> is the stored row's id.</summary>
public sealed record ImportItemResult(int Index, ImportObjectKind Kind, string Oid, ImportOutcome Outcome, long? Id);

/// <summary>The outcome of a committed batch, one item per operation in batch order.</summary>
public sealed record ImportResult(IReadOnlyList<ImportItemResult> Items, IReadOnlyCollection<long> AffectedCustomerIds);
