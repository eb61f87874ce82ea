namespace Dashboard.Infrastructure.Sources.Stripe.Api;

public sealed record StripeInvoice : IStripeObject
{
    public required string Id { get; init; }
    public StripeExpandable<StripeCustomer>? Customer { get; init; }

    /// <summary>draft, open, paid, uncollectible or void.</summary>
    public string? Status { get; init; }

    public long Created { get; init; }
    public string? Currency { get; init; }
    public string? BillingReason { get; init; }
    public long PeriodStart { get; init; }
    public long PeriodEnd { get; init; }
    public long Total { get; init; }
    public long AmountPaid { get; init; }
    public StripeInvoiceParent? Parent { get; init; }
    public StripeList<StripeInvoiceLine> Lines { get; init; } = new();

    /// <summary>Payments of the invoice; present only when asked for with <c>expand[]=payments</c>.</summary>
    public StripeList<StripeInvoicePayment>? Payments { get; init; }

    public StripeStatusTransitions? StatusTransitions { get; init; }

    /// <summary>Payment attempts so far: more than one on a paid invoice means the first failed (a dunning episode).</summary>
    public long AttemptCount { get; init; }

    public string? SubscriptionId => Parent?.SubscriptionDetails?.Subscription?.Id;
}

public sealed record StripeInvoiceParent
{
    public string? Type { get; init; }
    public StripeInvoiceSubscriptionDetails? SubscriptionDetails { get; init; }
}

public sealed record StripeInvoiceSubscriptionDetails
{
    public StripeExpandable<StripeSubscription>? Subscription { get; init; }
}

public sealed record StripeStatusTransitions
{
    public long? FinalizedAt { get; init; }
    public long? PaidAt { get; init; }
    public long? VoidedAt { get; init; }
    public long? MarkedUncollectibleAt { get; init; }
}

public sealed record StripeInvoiceLine : IStripeObject
{
    public required string Id { get; init; }
    public long Amount { get; init; }
    public string? Currency { get; init; }
    public long? Quantity { get; init; }
    public StripePeriod? Period { get; init; }
    public List<StripeDiscountAmount>? DiscountAmounts { get; init; }
    public List<StripeLineTax>? Taxes { get; init; }
    public StripeLineParent? Parent { get; init; }
    public StripeLinePricing? Pricing { get; init; }

    public string? SubscriptionId =>
        Parent?.SubscriptionItemDetails?.Subscription ?? Parent?.InvoiceItemDetails?.Subscription;

    public bool IsProration =>
        Parent?.SubscriptionItemDetails?.Proration ?? Parent?.InvoiceItemDetails?.Proration ?? false;

    public string? PriceId => Pricing?.PriceDetails?.Price?.Id;

    public long DiscountTotal => DiscountAmounts?.Sum(d => d.Amount) ?? 0;
}

public sealed record StripePeriod
{
    public long Start { get; init; }
    public long End { get; init; }
}

public sealed record StripeDiscountAmount
{
    public long Amount { get; init; }
    public StripeExpandable<StripeDiscount>? Discount { get; init; }
}

public sealed record StripeLineTax
{
    public long Amount { get; init; }

    /// <summary>inclusive or exclusive.</summary>
    public string? TaxBehavior { get; init; }

    public long? TaxableAmount { get; init; }
}

public sealed record StripeLineParent
{
    /// <summary>subscription_item_details or invoice_item_details.</summary>
    public string? Type { get; init; }

    public StripeSubscriptionItemDetails? SubscriptionItemDetails { get; init; }
    public StripeInvoiceItemDetails? InvoiceItemDetails { get; init; }
}

public sealed record StripeSubscriptionItemDetails
{
    public string? Subscription { get; init; }
    public string? SubscriptionItem { get; init; }
    public string? InvoiceItem { get; init; }
    public bool Proration { get; init; }
}

public sealed record StripeInvoiceItemDetails
{
    public string? InvoiceItem { get; init; }
    public string? Subscription { get; init; }
    public bool Proration { get; init; }
}

public sealed record StripeLinePricing
{
    public string? Type { get; init; }
    public StripePriceDetails? PriceDetails { get; init; }
    public string? UnitAmountDecimal { get; init; }
}

public sealed record StripePriceDetails
{
    public StripeExpandable<StripePrice>? Price { get; init; }
    public string? Product { get; init; }
}

/// <summary>One payment toward an invoice: a payment intent or a charge.</summary>
public sealed record StripeInvoicePayment : IStripeObject
{
    public required string Id { get; init; }
    public string? Status { get; init; }
    public StripeInvoicePaymentRef? Payment { get; init; }
}

public sealed record StripeInvoicePaymentRef
{
    /// <summary>payment_intent, charge or out_of_band_payment.</summary>
    public string? Type { get; init; }

    public StripeExpandable<StripePaymentIntent>? PaymentIntent { get; init; }
    public StripeExpandable<StripeCharge>? Charge { get; init; }

    public string? Reference => PaymentIntent?.Id ?? Charge?.Id;
}

public sealed record StripePaymentIntent : IStripeObject
{
    public required string Id { get; init; }
    public string? LatestCharge { get; init; }
}
