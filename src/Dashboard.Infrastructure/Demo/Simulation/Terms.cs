using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo.Simulation;

/// <summary>A discount from <see cref="AppliedAt"/> for <see cref="DurationMonths"/> months (0: forever).</summary>
internal sealed record Coupon(string Code, int PercentOff, long AmountOffMinor, int DurationMonths, DateTimeOffset AppliedAt)
{
    public bool ExpiredAt(DateTimeOffset at) => DurationMonths > 0 && at >= AppliedAt.AddMonths(DurationMonths);
}

/// <summary>An add-on of a subscription: its item id, what it is and how many.</summary>
internal sealed record AddOnTerm(string ExternalId, AddOnKind Kind, int Quantity);

/// <summary>The commercial terms of a subscription at one moment.</summary>
internal sealed record Terms(DemoPlan Plan, int Quantity, AddOnTerm[] AddOns, Coupon? Coupon)
{
    public bool SameAs(Terms other) =>
        ReferenceEquals(Plan, other.Plan) && Quantity == other.Quantity && Coupon == other.Coupon &&
        AddOns.AsSpan().SequenceEqual(other.AddOns);
}

/// <summary>A subscription state before it becomes a row.</summary>
internal sealed record PendingState(DateTimeOffset At, Terms Terms, SubscriptionStatus Status);
