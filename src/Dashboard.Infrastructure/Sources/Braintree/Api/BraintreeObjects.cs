namespace Dashboard.Infrastructure.Sources.Braintree.Api;

/// <summary>A merchant account: the currency every transaction and subscription processed through it is in.</summary>
public sealed record BraintreeMerchantAccount(string Id, string CurrencyIsoCode, bool IsDefault, string? Status);

/// <summary>An add-on or a discount, in the catalog, inherited by a plan, or on a subscription.</summary>
public sealed record BraintreeModification(
    string Id,
    string? Name,
    decimal Amount,
    int? Quantity,
    int? NumberOfBillingCycles,
    bool NeverExpires,
    int? CurrentBillingCycle,
    string? InheritedFromId);

public sealed record BraintreePlan(
    string Id,
    string Name,
    decimal Price,
    string? CurrencyIsoCode,
    int BillingFrequency,
    bool TrialPeriod,
    int? TrialDuration,
    string? TrialDurationUnit,
    IReadOnlyList<BraintreeModification> AddOns,
    IReadOnlyList<BraintreeModification> Discounts);

public sealed record BraintreeCustomer(
    string Id,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Email,
    string? Country,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> CustomFields);

/// <summary>One entry of a subscription's status_history: its status, price and balance from that instant.</summary>
public sealed record BraintreeStatusEvent(DateTimeOffset Timestamp, string Status, decimal? Price, decimal? Balance, string? PlanId, string? CurrencyIsoCode);

public sealed record BraintreeSubscription(
    string Id,
    string PlanId,
    decimal Price,
    decimal Balance,
    string Status,
    string? MerchantAccountId,
    string? PaymentMethodToken,
    DateTimeOffset CreatedAt,
    DateOnly? FirstBillingDate,
    bool TrialPeriod,
    IReadOnlyList<BraintreeModification> AddOns,
    IReadOnlyList<BraintreeModification> Discounts,
    IReadOnlyList<BraintreeStatusEvent> StatusHistory,
    IReadOnlyList<BraintreeTransaction> Transactions);

public sealed record BraintreeDispute(string Id, string Status, string? Kind, decimal AmountDisputed, DateOnly? ReceivedDate, string? CurrencyIsoCode);

public sealed record BraintreeTransaction(
    string Id,
    string Type,
    string Status,
    decimal Amount,
    string? CurrencyIsoCode,
    string? MerchantAccountId,
    string? CustomerId,
    string? SubscriptionId,
    DateTimeOffset CreatedAt,
    string? RefundedTransactionId,
    decimal? ServiceFeeAmount,
    IReadOnlyList<BraintreeDispute> Disputes);

/// <summary>What an advanced search walks: its path segment, the element wrapping a page of results, and each result's element.</summary>
public sealed record BraintreeSearchKind(string Path, string PageElement, string ItemElement)
{
    public static readonly BraintreeSearchKind Customers = new("customers", "customers", "customer");
    public static readonly BraintreeSearchKind Subscriptions = new("subscriptions", "subscriptions", "subscription");
    public static readonly BraintreeSearchKind Transactions = new("transactions", "credit-card-transactions", "transaction");
}
