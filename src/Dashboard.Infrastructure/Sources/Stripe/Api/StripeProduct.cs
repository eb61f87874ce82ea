namespace Dashboard.Infrastructure.Sources.Stripe.Api;

public sealed record StripeProduct : IStripeObject
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public bool Active { get; init; }
    public long Created { get; init; }
}
