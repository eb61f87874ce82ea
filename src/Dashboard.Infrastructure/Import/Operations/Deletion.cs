namespace Dashboard.Infrastructure.Import.Operations;

/// <summary>
/// Removes an object by external id. Customers take their subscriptions, charges, refunds and attribute values with
/// them; subscriptions their history (their charges stay, unlinked); charges their refunds. A plan still used by a
/// subscription cannot be deleted. Deleting what does not exist reports NotFound and changes nothing.
/// </summary>
public sealed record Deletion : ImportOperation
{
    public required ImportObjectKind Target { get; init; }

    public override ImportObjectKind ObjectKind => Target;
}
