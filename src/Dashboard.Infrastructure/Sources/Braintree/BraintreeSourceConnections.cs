using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Sources.Braintree;

/// <summary>A Braintree source's stored (encrypted) credentials and the gateway URL it is read from.</summary>
public sealed class BraintreeSourceConnections(SourceCredentialProtector protector)
{
    public BraintreeCredentials Credentials(Source source) =>
        source.Provider == SourceProvider.Braintree && source.ProtectedCredentials is { } stored
            ? protector.Unprotect<BraintreeCredentials>(stored)
            : throw new InvalidOperationException($"Source {source.Id} is not a Braintree source with credentials.");

    /// <summary>The source's own API base when it has one, else its environment's gateway.</summary>
    public Uri ApiBase(Source source) => ApiBase(source, Credentials(source));

    public static Uri ApiBase(Source source, BraintreeCredentials credentials) =>
        source.ApiBase is { Length: > 0 } apiBase ? new Uri(apiBase, UriKind.Absolute) : BraintreeEnvironments.ApiBase(credentials.Environment);
}
