using System.Globalization;
using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Sources.Connectors;

/// <summary>
/// A billing provider described once: the command line (<c>source add {Name}</c>), the Sources page's set-up form,
/// the webhook route (<c>/webhooks/{Name}/{source id}</c>) and the docs all read it.
/// </summary>
/// <param name="Provider">The store's provider of the sources it creates.</param>
/// <param name="Name">Lower-case identifier: the command-line word and the webhook route's segment.</param>
/// <param name="DisplayName">The provider's name as people write it.</param>
/// <param name="SetupHelp">What to create in the provider's dashboard before connecting, shown above the form.</param>
/// <param name="Fields">The credentials and settings it needs, in the form's order.</param>
/// <param name="DocsPage">The connector's page in the repository's docs.</param>
public sealed record ConnectorDescriptor(
    SourceProvider Provider,
    string Name,
    string DisplayName,
    string SetupHelp,
    IReadOnlyList<CredentialField> Fields,
    string DocsPage)
{
    /// <summary>Where the provider posts a source's webhooks.</summary>
    public string WebhookPath(long sourceId) => $"/webhooks/{Name}/{sourceId.ToString(CultureInfo.InvariantCulture)}";

    public CredentialField? Field(string key) => Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal));
}
