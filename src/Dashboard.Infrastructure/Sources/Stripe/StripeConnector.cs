using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Sources.Stripe;

/// <summary>Stripe on the connector model: its fields, connecting through <see cref="StripeSourceRegistrar"/>, and a connection test.</summary>
public sealed class StripeConnector(StripeSourceRegistrar registrar, IStripeApi api, IOptions<StripeOptions> options) : ISourceConnector
{
    public const string ApiKey = "api-key";
    public const string ApiBase = "api-base";
    public const string WebhookSecret = "webhook-secret";

    public static ConnectorDescriptor Description { get; } = new(
        SourceProvider.Stripe,
        "stripe",
        "Stripe",
        "Create a restricted key in Stripe (Developers → API keys) with read access to customers, products, prices, coupons, subscriptions, invoices, charges, refunds, credit notes, disputes, payment intents and events. It is stored encrypted and never shown again.",
        [
            new CredentialField(ApiKey, "Restricted API key", CredentialFieldKind.Secret)
            {
                Required = true,
                Placeholder = "rk_live_…",
                Help = "A restricted key (rk_live_… or rk_test_…) from Stripe's dashboard.",
                Check = key => key.StartsWith("rk_", StringComparison.Ordinal) || key.StartsWith("sk_", StringComparison.Ordinal)
                    ? null
                    : "a Stripe key starts with rk_ (restricted, recommended) or sk_.",
            },
            new CredentialField(ApiBase, "API base URL", CredentialFieldKind.Url)
            {
                Placeholder = "https://api.stripe.com/",
                Help = "Leave it empty for Stripe itself.",
            },
            new CredentialField(WebhookSecret, "Webhook signing secret", CredentialFieldKind.Secret)
            {
                Placeholder = "whsec_…",
                Help = "The signing secret of a webhook endpoint pointing at /webhooks/stripe/{source id}; without it webhooks are refused and the hourly events sync catches up.",
            },
        ],
        "docs/connectors/stripe.md");

    public ConnectorDescriptor Descriptor => Description;

    public Task<Source> AddAsync(ConnectorSetup setup, CancellationToken cancellationToken)
    {
        ConnectorValidation.EnsureValid(Descriptor, setup);
        return registrar.AddAsync(setup.Name!, setup.Required(ApiKey), setup.Url(ApiBase), setup.Value(WebhookSecret), cancellationToken);
    }

    public async Task<ConnectionCheck> TestConnectionAsync(ConnectorSetup setup, CancellationToken cancellationToken)
    {
        ConnectorValidation.EnsureValid(Descriptor, setup);
        var connection = new StripeConnection(setup.Url(ApiBase) ?? options.Value.DefaultApiBase, setup.Required(ApiKey));
        try
        {
            _ = await api.Client(connection).V1.Customers.ListAsync(new global::Stripe.CustomerListOptions { Limit = 1 }, null, cancellationToken);
            return new ConnectionCheck(true, $"Connected to {connection.ApiBase.Host}: the key can read customers.");
        }
        catch (Exception e) when (e is global::Stripe.StripeException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ConnectionCheck(false, $"Stripe refused or could not be reached: {e.Message}");
        }
    }
}
