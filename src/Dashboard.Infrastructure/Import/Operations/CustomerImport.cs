namespace Dashboard.Infrastructure.Import.Operations;

/// <summary>
/// Creates or replaces a customer: omitted optional fields are cleared on update, except <see cref="Created"/>,
/// which keeps the stored value (or the import time for a new customer).
/// </summary>
public sealed record CustomerImport : ImportOperation
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Notes { get; init; }

    /// <summary>ISO 3166-1 alpha-2, any case.</summary>
    public string? Country { get; init; }

    /// <summary>ISO 4217, any case.</summary>
    public string? Currency { get; init; }

    public DateTimeOffset? Created { get; init; }

    /// <summary>
    /// When the source deleted the customer: it stays in the store with its history (its subscriptions marked deleted
    /// too), so past metrics keep counting it. Omitted, the customer is not deleted (an earlier mark is cleared).
    /// </summary>
    public DateTimeOffset? Deleted { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.Customer;
}

/// <summary>Sets one attribute value of a customer of the batch's source; the field must exist (see AttributeFieldService.EnsureAsync).</summary>
public sealed record CustomerAttributeImport : ImportOperation
{
    /// <summary>The customer's external id (the operation's <see cref="ImportOperation.Oid"/> is not used).</summary>
    public string? CustomerOid { get; init; }

    public string? Key { get; init; }
    public string? Value { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.CustomerAttribute;
}
