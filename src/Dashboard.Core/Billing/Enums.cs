namespace Dashboard.Core.Billing;

/// <summary>Where a source's data comes from.</summary>
public enum SourceProvider
{
    Api,
    Stripe,
    Braintree,
    Csv,
    Demo,
}

/// <summary>The unit of a plan's billing period.</summary>
public enum BillingInterval
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>A subscription's status within one state of its history.</summary>
public enum SubscriptionStatus
{
    Active,
    Trialing,
    PastDue,
    Unpaid,
    Paused,
    Canceled,
}

/// <summary>Why money went back against a paid charge: a refund, or a dispute (chargeback) the business lost.</summary>
public enum RefundKind
{
    Refund,
    Dispute,
}

public enum ChargeStatus
{
    Paid,
    Failed,
}

/// <summary>What a charge pays for: recurring fees, a one-time purchase, or metered usage.</summary>
public enum ChargeKind
{
    Recurring,
    OneTime,
    Metered,
}

public enum AttributeType
{
    String,
    Number,
    Date,
    Boolean,
}
