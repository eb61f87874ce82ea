using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sync;

namespace Dashboard.Infrastructure.Sources.Connectors;

/// <summary>
/// Every registered connector with its parts, for the command line, the Sources page and the webhook route: look one
/// up by its name (<c>stripe</c>) or its provider.
/// </summary>
public sealed class ConnectorRegistry(
    IEnumerable<ISourceConnector> connectors,
    IEnumerable<IConnectorWebhook> webhooks,
    IEnumerable<ISourceSynchronizer> synchronizers)
{
    private readonly IReadOnlyList<ISourceConnector> all = connectors
        .GroupBy(c => c.Descriptor.Name, StringComparer.Ordinal).Select(g => g.Last())
        .OrderBy(c => c.Descriptor.Provider).ToList();

    /// <summary>The connectors in the store's provider order (Stripe first).</summary>
    public IReadOnlyList<ISourceConnector> All => all;

    public IReadOnlyList<string> Names => all.Select(c => c.Descriptor.Name).ToList();

    /// <summary>The connector called <paramref name="name"/> (case-insensitive), or null.</summary>
    public ISourceConnector? Find(string? name) =>
        all.FirstOrDefault(c => string.Equals(c.Descriptor.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public ISourceConnector? Find(SourceProvider provider) => all.FirstOrDefault(c => c.Descriptor.Provider == provider);

    /// <summary>The webhook receiver of the connector called <paramref name="name"/>, or null when it takes none.</summary>
    public IConnectorWebhook? Webhook(string? name) =>
        Find(name) is { } connector ? ConnectorParts.Pick(webhooks, w => w.Provider == connector.Descriptor.Provider) : null;

    public ISourceSynchronizer? Synchronizer(SourceProvider provider) =>
        ConnectorParts.Pick(synchronizers, s => s.Provider == provider);
}
