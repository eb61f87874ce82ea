namespace Dashboard.Infrastructure.Sources.Braintree;

/// <summary>Which Braintree gateway a source talks to.</summary>
public enum BraintreeEnvironment
{
    Sandbox,
    Production,
}

/// <summary>
/// A Braintree source's secrets, stored encrypted in <see cref="Core.Billing.Source.ProtectedCredentials"/>: the merchant
/// id, the API key pair (public key as the user name, private key as the password of basic auth; the private key also
/// keys the webhook signature) and the environment. An API base URL given at set-up is kept in
/// <see cref="Core.Billing.Source.ApiBase"/> and overrides the environment's URL (<see cref="BraintreeSourceConnections.ApiBase"/>).
/// </summary>
public sealed record BraintreeCredentials(string MerchantId, string PublicKey, string PrivateKey, BraintreeEnvironment Environment)
{
    /// <summary>Never the private key.</summary>
    public override string ToString() => $"Braintree merchant {MerchantId} ({Environment}), public key {PublicKey}";
}

/// <summary>The gateway URLs of Braintree's two environments.</summary>
public static class BraintreeEnvironments
{
    public static readonly Uri Production = new("https://api.braintreegateway.com/");
    public static readonly Uri Sandbox = new("https://api.sandbox.braintreegateway.com/");

    public static Uri ApiBase(BraintreeEnvironment environment) =>
        environment == BraintreeEnvironment.Sandbox ? Sandbox : Production;

    /// <summary>"sandbox" or "production", as the command line and the form write it.</summary>
    public static string Name(BraintreeEnvironment environment) => environment.ToString().ToLowerInvariant();

    public static BraintreeEnvironment Parse(string name) =>
        Enum.Parse<BraintreeEnvironment>(name, ignoreCase: true);
}
