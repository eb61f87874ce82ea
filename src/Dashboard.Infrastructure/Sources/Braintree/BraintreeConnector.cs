using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Connectors;

namespace Dashboard.Infrastructure.Sources.Braintree;

/// <summary>
/// Braintree on the connector model: merchant id, public key, private key (secret), environment and an optional API
/// base URL (kept in the credentials and in <see cref="Source.ApiBase"/>); the keys are stored encrypted
/// (<see cref="ConnectedSourceStore"/>), the connection is tried through
/// <see cref="IBraintreeConnectionTest"/>.
/// </summary>
public sealed class BraintreeConnector(ConnectedSourceStore store, IEnumerable<IBraintreeConnectionTest> tests) : ISourceConnector
{
    public const string MerchantId = "merchant-id";
    public const string PublicKey = "public-key";
    public const string PrivateKey = "private-key";
    public const string Environment = "environment";
    public const string ApiBase = "api-base";
    public const string Production = "production";
    public const string Sandbox = "sandbox";

    /// <summary>Longest merchant id or key accepted (Braintree's are far shorter).</summary>
    private const int MaxLength = 100;

    public static ConnectorDescriptor Description { get; } = new(
        SourceProvider.Braintree,
        "braintree",
        "Braintree",
        "Create an API key in the Braintree Control Panel (Settings → API → Generate new API key) for a user whose role can read transactions, subscriptions, plans, customers and disputes, and copy the merchant id shown there. The private key is stored encrypted and never shown again.",
        [
            new CredentialField(MerchantId, "Merchant ID", CredentialFieldKind.Text)
            {
                Required = true,
                Placeholder = "abcd1234efgh5678",
                Help = "Shown with the API keys in the Control Panel; not the merchant account id.",
                Check = Identifier,
            },
            new CredentialField(PublicKey, "Public key", CredentialFieldKind.Text)
            {
                Required = true,
                Placeholder = "x1y2z3…",
                Check = Identifier,
            },
            new CredentialField(PrivateKey, "Private key", CredentialFieldKind.Secret)
            {
                Required = true,
                StdinOnly = true,
                Help = "Also verifies webhook signatures.",
                Check = key => key.Length > MaxLength || key.Any(char.IsWhiteSpace) ? $"a private key has at most {MaxLength} characters and no spaces." : null,
            },
            new CredentialField(Environment, "Environment", CredentialFieldKind.Choice)
            {
                Choices = [Production, Sandbox],
                Default = Production,
                Help = "production (api.braintreegateway.com) or sandbox (api.sandbox.braintreegateway.com).",
            },
            new CredentialField(ApiBase, "API base URL", CredentialFieldKind.Url)
            {
                Placeholder = "https://api.braintreegateway.com/",
                Help = "Overrides the environment's URL; leave it empty for Braintree itself.",
            },
        ],
        "docs/connectors/braintree.md");

    public ConnectorDescriptor Descriptor => Description;

    public Task<Source> AddAsync(ConnectorSetup setup, CancellationToken cancellationToken)
    {
        var credentials = Credentials(setup);
        return store.AddAsync(setup.Name!, SourceProvider.Braintree, setup.Url(ApiBase), credentials, cancellationToken);
    }

    public Task<ConnectionCheck> TestConnectionAsync(ConnectorSetup setup, CancellationToken cancellationToken)
    {
        var credentials = Credentials(setup);
        var test = ConnectorParts.Pick(tests, _ => true) ?? new MissingBraintreeConnectionTest();
        return test.TestAsync(credentials, cancellationToken);
    }

    /// <summary>The credentials of a valid set-up (<see cref="ConnectorValidationException"/> otherwise).</summary>
    public static BraintreeCredentials Credentials(ConnectorSetup setup)
    {
        ConnectorValidation.EnsureValid(Description, setup);
        return new BraintreeCredentials(
            setup.Required(MerchantId),
            setup.Required(PublicKey),
            setup.Required(PrivateKey),
            setup.ValueOrDefault(Description.Field(Environment)!)!,
            setup.Url(ApiBase)?.AbsoluteUri);
    }

    /// <summary>Merchant ids and public keys go into URL paths and the basic-auth user name: letters, digits, '_' and '-' only.</summary>
    private static string? Identifier(string value) =>
        value.Length <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? null
            : $"'{value}' may contain only letters, digits, '_' and '-' (at most {MaxLength} characters).";
}
