namespace Dashboard.Infrastructure.Sources.Stripe.Api;

public sealed record StripeCoupon : IStripeObject
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public decimal? PercentOff { get; init; }
    public long? AmountOff { get; init; }
    public string? Currency { get; init; }

    /// <summary>once, repeating or forever.</summary>
    public string? Duration { get; init; }

    public int? DurationInMonths { get; init; }
    public long Created { get; init; }
    public bool? Deleted { get; init; }
}

/// <summary>A coupon applied to a customer, subscription or item; <see cref="End"/> is when it stops applying.</summary>
public sealed record StripeDiscount : IStripeObject
{
    public required string Id { get; init; }
    public StripeDiscountSource? Source { get; init; }

    /// <summary>Older API versions name the coupon here rather than under <see cref="Source"/>.</summary>
    public StripeCoupon? Coupon { get; init; }

    public long? Start { get; init; }
    public long? End { get; init; }

    public StripeCoupon? ResolvedCoupon => Source?.Coupon?.Value ?? Coupon;
}

public sealed record StripeDiscountSource
{
    public string? Type { get; init; }
    public StripeExpandable<StripeCoupon>? Coupon { get; init; }
}
