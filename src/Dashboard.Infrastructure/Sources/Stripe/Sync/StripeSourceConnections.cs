using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>Turns a Stripe source's stored (encrypted) credentials into a connection, and makes new ones.</summary>
public sealed class StripeSourceConnections(SourceCredentialProtector protector, IOptions<StripeOptions> options)
{
    public StripeCredentials Credentials(Source source) =>
        source.Provider == SourceProvider.Stripe && source.ProtectedCredentials is { } stored
            ? protector.Unprotect<StripeCredentials>(stored)
            : throw new InvalidOperationException($"Source {source.Id} is not a Stripe source with credentials.");

    public StripeConnection Connect(Source source) =>
        new(source.ApiBase is { Length: > 0 } apiBase ? new Uri(apiBase) : options.Value.DefaultApiBase, Credentials(source).ApiKey);

    public string Protect(StripeCredentials credentials) => protector.Protect(credentials);
}
