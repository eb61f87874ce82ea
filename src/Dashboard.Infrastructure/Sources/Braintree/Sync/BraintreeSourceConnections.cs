using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Braintree.Api;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Sources.Braintree.Sync;

/// <summary>Turns a Braintree source's stored (encrypted) credentials into a connection, and protects new ones.</summary>
public sealed class BraintreeSourceConnections(SourceCredentialProtector protector, IOptions<BraintreeOptions> options)
{
    public BraintreeCredentials Credentials(Source source) =>
        source.Provider == SourceProvider.Braintree && source.ProtectedCredentials is { } stored
            ? protector.Unprotect<BraintreeCredentials>(stored)
            : throw new InvalidOperationException($"Source {source.Id} is not a Braintree source with credentials.");

    public BraintreeConnection Connect(Source source)
    {
        var credentials = Credentials(source);
        var apiBase = credentials.ApiBase is { Length: > 0 } own ? new Uri(own)
            : source.ApiBase is { Length: > 0 } stored ? new Uri(stored)
            : ApiBaseOf(credentials.Environment);
        return new BraintreeConnection(apiBase, credentials.MerchantId, credentials.PublicKey, credentials.PrivateKey);
    }

    /// <summary>The gateway of "sandbox" or "production" (any case).</summary>
    public Uri ApiBaseOf(string environment) => environment.Trim().ToLowerInvariant() switch
    {
        "sandbox" => options.Value.SandboxApiBase,
        "production" => options.Value.ProductionApiBase,
        _ => throw new ArgumentException($"'{environment}' is not a Braintree environment; use sandbox or production.", nameof(environment)),
    };

    public string Protect(BraintreeCredentials credentials) => protector.Protect(credentials);
}
