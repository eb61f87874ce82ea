namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>
/// A credit note on an invoice. After payment its total is split between Stripe refunds (listed as refunds too),
/// credit to the customer's balance and <see cref="OutOfBandAmount"/> (money returned outside Stripe).
/// </summary>
public sealed record StripeCreditNote : IStripeObject
{
    public required string Id { get; init; }
    public required string Currency { get; init; }
    public long Created { get; init; }
    public long? EffectiveAt { get; init; }
    public long Total { get; init; }

    /// <summary>issued or void.</summary>
    public string? Status { get; init; }

    /// <summary>pre_payment, post_payment or mixed.</summary>
    public string? Type { get; init; }

    public long? OutOfBandAmount { get; init; }
    public StripeExpandable<StripeInvoice>? Invoice { get; init; }
    public StripeExpandable<StripeCustomer>? Customer { get; init; }
}
