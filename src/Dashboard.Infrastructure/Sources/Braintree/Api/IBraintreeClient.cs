namespace Dashboard.Infrastructure.Sources.Braintree.Api;

/// <summary>The gateway calls the connector makes; every call is retried on transient failures.</summary>
public interface IBraintreeClient
{
    Task<IReadOnlyList<BraintreeMerchantAccount>> MerchantAccountsAsync(BraintreeConnection connection, CancellationToken cancellationToken);

    Task<IReadOnlyList<BraintreePlan>> PlansAsync(BraintreeConnection connection, CancellationToken cancellationToken);

    Task<IReadOnlyList<BraintreeModification>> AddOnsAsync(BraintreeConnection connection, CancellationToken cancellationToken);

    Task<IReadOnlyList<BraintreeModification>> DiscountsAsync(BraintreeConnection connection, CancellationToken cancellationToken);

    /// <summary>The ids of the objects created in [<paramref name="from"/>, <paramref name="to"/>] (advanced_search_ids).</summary>
    Task<IReadOnlyList<string>> SearchIdsAsync(BraintreeConnection connection, BraintreeSearchKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The objects with these ids (advanced_search, at most 50 a request), as their XML elements.</summary>
    Task<IReadOnlyList<System.Xml.Linq.XElement>> FetchAsync(BraintreeConnection connection, BraintreeSearchKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>One object by id (GET kind/id); null when the gateway answers 404.</summary>
    Task<System.Xml.Linq.XElement?> FindAsync(BraintreeConnection connection, BraintreeSearchKind kind, string id, CancellationToken cancellationToken);

    /// <summary>The customer owning a payment method (GET payment_methods/any/token); null when it is gone.</summary>
    Task<string?> PaymentMethodCustomerAsync(BraintreeConnection connection, string token, CancellationToken cancellationToken);
}
