namespace Dashboard.Infrastructure.Import.Operations;

/// <summary>
/// One object to bring into a source, identified by its external id (<see cref="Oid"/>) within that source.
/// Fields are nullable because they arrive from JSON, CSV and provider APIs; the importer reports missing ones.
/// </summary>
public abstract record ImportOperation
{
    public string? Oid { get; init; }

    /// <summary>The kind of object the operation writes; deletions name the kind they remove.</summary>
    public abstract ImportObjectKind ObjectKind { get; }
}

public enum ImportObjectKind
{
    Plan,
    Customer,
    Subscription,
    Charge,
    Refund,
    CustomerAttribute,
}
