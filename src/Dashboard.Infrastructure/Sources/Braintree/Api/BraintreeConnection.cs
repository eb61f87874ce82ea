namespace Dashboard.Infrastructure.Sources.Braintree.Api;

/// <summary>One merchant's gateway: the API base, the merchant id in every path, and the key pair for basic auth.</summary>
public sealed record BraintreeConnection(Uri ApiBase, string MerchantId, string PublicKey, string PrivateKey)
{
    public override string ToString() => $"Braintree merchant {MerchantId} at {ApiBase}";
}
