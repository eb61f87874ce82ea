using Dashboard.Infrastructure.Sources.Braintree.Api;
using Dashboard.Infrastructure.Sync;

namespace Dashboard.Infrastructure.Sources.Braintree.Sync;

/// <summary>The merchant's plans and its merchant accounts' currencies, read once per sync or notification.</summary>
public sealed class BraintreeCatalog(IReadOnlyList<BraintreePlan> plans, IReadOnlyList<BraintreeMerchantAccount> accounts)
{
    private readonly Dictionary<string, BraintreePlan> plans = plans.ToDictionary(p => p.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, string> currencies = accounts.ToDictionary(a => a.Id, a => a.CurrencyIsoCode, StringComparer.Ordinal);

    public IReadOnlyCollection<BraintreePlan> Plans => plans.Values;

    /// <summary>The default merchant account's currency (the first account's when none is marked default).</summary>
    public string DefaultCurrency { get; } =
        (accounts.FirstOrDefault(a => a.IsDefault) ?? accounts.FirstOrDefault())?.CurrencyIsoCode
        ?? throw new InvalidOperationException("The Braintree merchant has no merchant account, so its currency is unknown.");

    public BraintreePlan? Plan(string id) => plans.GetValueOrDefault(id);

    /// <summary>The currency of a merchant account, the default one when none is named.</summary>
    public string CurrencyOf(string? merchantAccountId) =>
        merchantAccountId is null ? DefaultCurrency
        : currencies.TryGetValue(merchantAccountId, out var currency) ? currency
        : throw new InvalidOperationException($"Merchant account '{merchantAccountId}' is not one of the merchant's accounts.");
}

/// <summary>The source being synced, how to reach its merchant, its catalog, and the run's progress (none for notifications).</summary>
public sealed record BraintreeSyncScope(long SourceId, BraintreeConnection Connection, BraintreeCatalog Catalog, SyncProgress? Progress) : ISyncScope;
