namespace Dashboard.Core.Billing;

/// <summary>A custom customer attribute (UTM source, CRM owner, a behaviour number...). <see cref="Key"/> is what filters use.</summary>
public sealed class AttributeField
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Title { get; set; }
    public AttributeType Type { get; set; }
}

/// <summary>
/// One customer's value of one field, stored as invariant text: numbers with '.' decimals, dates as yyyy-MM-dd,
/// booleans as true/false. <see cref="AttributeValues"/> parses and formats them.
/// </summary>
public sealed class CustomerAttribute
{
    public long CustomerId { get; set; }
    public long FieldId { get; set; }
    public required string Value { get; set; }
}
