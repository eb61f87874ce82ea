namespace Dashboard.Infrastructure.Import;

/// <summary>
/// One value to set: the customer by <see cref="CustomerOid"/> (with <see cref="SourceId"/> when two sources share the
/// oid) or else by <see cref="CustomerEmail"/>; the field by <see cref="Key"/> or <see cref="FieldId"/>.
/// </summary>
public sealed record AttributeAssignment
{
    public string? CustomerOid { get; init; }
    public long? SourceId { get; init; }
    public string? CustomerEmail { get; init; }
    public string? Key { get; init; }
    public long? FieldId { get; init; }
    public string? Value { get; init; }
}

public enum AttributeAssignmentOutcome
{
    Applied,
    Unchanged,
    CustomerNotFound,

    /// <summary>The oid (in several sources) or the email matched more than one customer; nothing was set.</summary>
    CustomerAmbiguous,
}

public sealed record AttributeAssignmentResult(int Index, AttributeAssignmentOutcome Outcome, long? CustomerId);
