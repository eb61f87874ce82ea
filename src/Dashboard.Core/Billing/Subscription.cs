namespace Dashboard.Core.Billing;

/// <summary>
/// A customer's subscription. Its terms live in an append-only history of <see cref="States"/>, each effective from an
/// instant, so past months' MRR can be recomputed exactly. All instants are UTC.
/// </summary>
public sealed class Subscription
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string ExternalId { get; set; }
    public long CustomerId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? TrialEnd { get; set; }

    /// <summary>When the subscription ended (MRR is 0 from this instant on).</summary>
    public DateTimeOffset? CanceledAt { get; set; }

    /// <summary>When the customer asked to cancel (for "churn when scheduled" reporting and cancellation insights).</summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }

    /// <summary>When the source deleted the subscription (or its customer); its history stays and still counts for the past.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public List<SubscriptionState> States { get; set; } = [];
}

/// <summary>The terms of a subscription from <see cref="EffectiveFrom"/> until the next state.</summary>
public sealed class SubscriptionState
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public DateTimeOffset EffectiveFrom { get; set; }
    public long PlanId { get; set; }
    public int Quantity { get; set; } = 1;

    /// <summary>Minor units taken off every billing period (in the state's <see cref="Currency"/>, else the plan's).</summary>
    public long DiscountMinor { get; set; }

    /// <summary>
    /// The main item's amount per billing period of the plan (its quantity included, before discounts, without tax)
    /// when the source billed it (an invoice line); null: the plan's amount × <see cref="Quantity"/>.
    /// </summary>
    public long? AmountMinor { get; set; }

    /// <summary>
    /// The currency of this state's amounts (<see cref="AmountMinor"/>, <see cref="DiscountMinor"/>, add-ons) when it is
    /// not the plan's (a subscription billed in another of its price's currencies); set only with <see cref="AmountMinor"/>.
    /// </summary>
    public string? Currency { get; set; }

    public SubscriptionStatus Status { get; set; } = SubscriptionStatus.Active;
    public List<SubscriptionAddOn> AddOns { get; set; } = [];
}

/// <summary>An extra billed with a subscription state, priced per billing period in the state's currency.</summary>
public sealed class SubscriptionAddOn
{
    public long Id { get; set; }
    public long SubscriptionStateId { get; set; }
    public required string ExternalId { get; set; }
    public long AmountMinor { get; set; }
    public int Quantity { get; set; } = 1;
}
