namespace Dashboard.Core.Billing;

/// <summary>What made an attribute change: the path that wrote the value.</summary>
public enum AttributeChangeOrigin
{
    Api,
    CsvImport,
    Stripe,
    Braintree,
    Demo,
    Ui,
}

/// <summary>
/// One dated change of a customer's attribute value, kept beside the current value (<see cref="CustomerAttribute"/>)
/// so the customer's timeline can list it. <see cref="PreviousValue"/> is null when the value was first set,
/// <see cref="NewValue"/> null when it was removed; both are the invariant stored text.
/// </summary>
public sealed class CustomerAttributeChange
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long FieldId { get; set; }
    public string? PreviousValue { get; set; }
    public string? NewValue { get; set; }

    /// <summary>When the value changed: the writer's clock, or the provider's own date when the source gives one.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The path that wrote it; null when unknown.</summary>
    public AttributeChangeOrigin? Origin { get; set; }
}
