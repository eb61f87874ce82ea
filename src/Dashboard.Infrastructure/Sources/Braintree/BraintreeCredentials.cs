namespace Dashboard.Infrastructure.Sources.Braintree;

/// <summary>
/// A Braintree merchant's API keys and where its gateway lives: <see cref="Environment"/> is "sandbox" or
/// "production"; <see cref="ApiBase"/>, when set, overrides the environment's URL.
/// </summary>
public sealed record BraintreeCredentials(string MerchantId, string PublicKey, string PrivateKey, string Environment, string? ApiBase)
{
    /// <summary>Never the private key.</summary>
    public override string ToString() => $"Braintree merchant {MerchantId} ({Environment}), public key {PublicKey}";
}
