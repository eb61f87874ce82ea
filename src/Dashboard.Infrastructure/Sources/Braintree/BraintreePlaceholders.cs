using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Braintree.Webhooks;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sync;

namespace Dashboard.Infrastructure.Sources.Braintree;

/// <summary>
/// Stand-ins for the Braintree parts that read the gateway (the client, the import and the sync): registered with
/// <see cref="IConnectorPlaceholder"/>, so they are used only while no real part is registered, and then say so.
/// </summary>
public static class BraintreePlaceholders
{
    public const string NotInstalled = "The Braintree synchronizer is not installed in this build; the source is stored and can sync once it is.";
}

public sealed class MissingBraintreeSynchronizer : ISourceSynchronizer, IConnectorPlaceholder
{
    public SourceProvider Provider => SourceProvider.Braintree;

    public Task<SyncMode> PlanAsync(Source source, CancellationToken cancellationToken) => Task.FromResult(SyncMode.Full);

    public Task SyncAsync(Source source, SyncMode mode, SyncProgress progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException(BraintreePlaceholders.NotInstalled);
}

public sealed class MissingBraintreeNotificationHandler : IBraintreeNotificationHandler, IConnectorPlaceholder
{
    public Task ApplyAsync(long sourceId, BraintreeNotification notification, CancellationToken cancellationToken) =>
        throw new NotSupportedException(BraintreePlaceholders.NotInstalled);
}

public sealed class MissingBraintreeConnectionTest : IBraintreeConnectionTest, IConnectorPlaceholder
{
    public Task<ConnectionCheck> TestAsync(BraintreeCredentials credentials, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionCheck(false, BraintreePlaceholders.NotInstalled));
}
