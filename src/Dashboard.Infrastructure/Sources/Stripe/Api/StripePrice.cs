namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>A price (legacy plans are listed as prices too).</summary>
public sealed record StripePrice : IStripeObject
{
    public required string Id { get; init; }
    public StripeExpandable<StripeProduct>? Product { get; init; }
    public string? Nickname { get; init; }
    public required string Currency { get; init; }
    public long? UnitAmount { get; init; }
    public string? UnitAmountDecimal { get; init; }
    public string? BillingScheme { get; init; }
    public string? TaxBehavior { get; init; }
    public string? Type { get; init; }
    public StripeRecurring? Recurring { get; init; }
    public bool Active { get; init; }
    public long Created { get; init; }
    public bool? Deleted { get; init; }
}

public sealed record StripeRecurring
{
    public required string Interval { get; init; }
    public int IntervalCount { get; init; } = 1;
    public string? UsageType { get; init; }
    public int? TrialPeriodDays { get; init; }
}

/// <summary>A legacy plan (the Plans API), still attached to subscription items as <c>plan</c>.</summary>
public sealed record StripePlan : IStripeObject
{
    public required string Id { get; init; }
    public StripeExpandable<StripeProduct>? Product { get; init; }
    public string? Nickname { get; init; }
    public required string Currency { get; init; }
    public long? Amount { get; init; }
    public string? AmountDecimal { get; init; }
    public required string Interval { get; init; }
    public int IntervalCount { get; init; } = 1;
    public string? UsageType { get; init; }
    public int? TrialPeriodDays { get; init; }
    public bool Active { get; init; }
    public long Created { get; init; }
    public bool? Deleted { get; init; }

    /// <summary>The plan as the price it is (Stripe serves every plan as a price with the same id).</summary>
    public StripePrice ToPrice() => new()
    {
        Id = Id,
        Product = Product,
        Nickname = Nickname,
        Currency = Currency,
        UnitAmount = Amount,
        UnitAmountDecimal = AmountDecimal,
        Type = "recurring",
        Recurring = new StripeRecurring
        {
            Interval = Interval,
            IntervalCount = IntervalCount,
            UsageType = UsageType,
            TrialPeriodDays = TrialPeriodDays,
        },
        Active = Active,
        Created = Created,
    };
}
