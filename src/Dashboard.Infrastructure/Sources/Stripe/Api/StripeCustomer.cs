namespace Dashboard.Infrastructure.Sources.Stripe.Api;

public sealed record StripeCustomer : IStripeObject
{
    public required string Id { get; init; }
    public long Created { get; init; }
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string? Currency { get; init; }
    public StripeAddress? Address { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }

    /// <summary>True on the stub Stripe returns for a deleted customer.</summary>
    public bool? Deleted { get; init; }
}

public sealed record StripeAddress
{
    public string? Country { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
}
