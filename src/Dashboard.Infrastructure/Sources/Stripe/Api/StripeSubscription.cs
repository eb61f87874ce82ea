namespace Dashboard.Infrastructure.Sources.Stripe.Api;

public sealed record StripeSubscription : IStripeObject
{
    public required string Id { get; init; }
    public required StripeExpandable<StripeCustomer> Customer { get; init; }

    /// <summary>trialing, active, past_due, unpaid, paused, canceled, incomplete or incomplete_expired.</summary>
    public required string Status { get; init; }

    public long Created { get; init; }
    public long? StartDate { get; init; }
    public long? TrialStart { get; init; }
    public long? TrialEnd { get; init; }
    public long? CancelAt { get; init; }
    public bool CancelAtPeriodEnd { get; init; }
    public long? CanceledAt { get; init; }
    public long? EndedAt { get; init; }
    public string? Currency { get; init; }
    public StripeList<StripeSubscriptionItem> Items { get; init; } = new();
    public List<StripeExpandable<StripeDiscount>>? Discounts { get; init; }
    public StripeCancellationDetails? CancellationDetails { get; init; }
    public StripeExpandable<StripeInvoice>? LatestInvoice { get; init; }
    public Dictionary<string, string>? Metadata { get; init; }

    /// <summary>Set while collection is paused (the status stays active): nothing is charged until <c>resumes_at</c>.</summary>
    public StripePauseCollection? PauseCollection { get; init; }
}

public sealed record StripePauseCollection
{
    /// <summary>keep_as_draft, mark_uncollectible or void.</summary>
    public string? Behavior { get; init; }

    public long? ResumesAt { get; init; }
}

public sealed record StripeSubscriptionItem : IStripeObject
{
    public required string Id { get; init; }
    public StripePrice? Price { get; init; }
    public StripePlan? Plan { get; init; }
    public long? Quantity { get; init; }
    public long? CurrentPeriodStart { get; init; }
    public long? CurrentPeriodEnd { get; init; }
    public long Created { get; init; }
    public List<StripeExpandable<StripeDiscount>>? Discounts { get; init; }

    /// <summary>The item's price, falling back to its legacy plan.</summary>
    public StripePrice? EffectivePrice => Price ?? Plan?.ToPrice();
}

public sealed record StripeCancellationDetails
{
    /// <summary>cancellation_requested, payment_disputed or payment_failed.</summary>
    public string? Reason { get; init; }

    /// <summary>customer_service, low_quality, missing_features, other, switched_service, too_complex, too_expensive, unused.</summary>
    public string? Feedback { get; init; }

    public string? Comment { get; init; }
}
