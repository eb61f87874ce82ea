namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>What one CSV file holds; a file has one kind of object (as in the REST API's per-kind endpoints).</summary>
public enum CsvImportKind
{
    Customers,
    Plans,
    Subscriptions,
    Charges,
    Refunds,

    /// <summary>Attribute values: a customer key (customer_oid or email) and one column per attribute key.</summary>
    Attributes,
}
