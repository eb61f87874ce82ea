namespace Dashboard.Infrastructure.Sources.Stripe.Api;

public sealed record StripeCharge : IStripeObject
{
    public required string Id { get; init; }
    public long Amount { get; init; }
    public long AmountRefunded { get; init; }
    public required string Currency { get; init; }
    public long Created { get; init; }
    public StripeExpandable<StripeCustomer>? Customer { get; init; }
    public bool Paid { get; init; }

    /// <summary>succeeded, pending or failed.</summary>
    public string? Status { get; init; }

    public bool Captured { get; init; }
    public StripeExpandable<StripeBalanceTransaction>? BalanceTransaction { get; init; }
    public StripeExpandable<StripePaymentIntent>? PaymentIntent { get; init; }
    public string? Description { get; init; }
}

/// <summary>A balance movement: <see cref="Fee"/> and <see cref="Amount"/> are in the settlement <see cref="Currency"/>.</summary>
public sealed record StripeBalanceTransaction : IStripeObject
{
    public required string Id { get; init; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public long Fee { get; init; }
    public long Net { get; init; }
    public decimal? ExchangeRate { get; init; }
}

public sealed record StripeRefund : IStripeObject
{
    public required string Id { get; init; }
    public long Amount { get; init; }
    public StripeExpandable<StripeCharge>? Charge { get; init; }
    public required string Currency { get; init; }
    public long Created { get; init; }

    /// <summary>pending, requires_action, succeeded, failed or canceled.</summary>
    public string? Status { get; init; }
}
