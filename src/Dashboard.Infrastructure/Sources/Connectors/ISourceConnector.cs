using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Sources.Connectors;

/// <summary>The outcome of trying a set-up's credentials against the provider, with a sentence for people.</summary>
public sealed record ConnectionCheck(bool Succeeded, string Message);

/// <summary>
/// A provider's connector: its <see cref="Descriptor"/>, how a source is connected (credentials stored encrypted, the
/// recurring sync registered) and how a set-up is tried before it is stored. Its synchronizer is the
/// <see cref="Sync.ISourceSynchronizer"/> of the same provider, its webhooks the <see cref="IConnectorWebhook"/> of
/// the same provider; <see cref="ConnectorRegistry"/> puts them together.
/// </summary>
public interface ISourceConnector
{
    ConnectorDescriptor Descriptor { get; }

    /// <summary>
    /// Validates the set-up (<see cref="ConnectorValidationException"/> naming every bad field), then stores the new
    /// source with its credentials encrypted and registers its recurring sync.
    /// </summary>
    Task<Source> AddAsync(ConnectorSetup setup, CancellationToken cancellationToken);

    /// <summary>Reads one small thing from the provider with the set-up's credentials; never stores anything.</summary>
    Task<ConnectionCheck> TestConnectionAsync(ConnectorSetup setup, CancellationToken cancellationToken);
}
