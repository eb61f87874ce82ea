using Dashboard.Infrastructure.Sources.Braintree.Api;
using Dashboard.Infrastructure.Sources.Braintree.Sync;
using Dashboard.Infrastructure.Sources.Braintree.Webhooks;
using Dashboard.Infrastructure.Sources.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Sources.Braintree;

/// <summary>A verified webhook notification applied by re-fetching the object it names (<see cref="BraintreeNotificationProcessor"/>).</summary>
public sealed class BraintreeNotificationHandler(BraintreeNotificationProcessor processor) : IBraintreeNotificationHandler
{
    public Task ApplyAsync(long sourceId, BraintreeNotification notification, CancellationToken cancellationToken) =>
        processor.ApplyAsync(sourceId, notification.Kind, notification.ObjectId, notification.Timestamp, cancellationToken);
}

/// <summary>"Test connection": reads the merchant's plans with the entered keys; stores nothing.</summary>
public sealed class BraintreeConnectionTest(IBraintreeClient client, BraintreeSourceConnections connections) : IBraintreeConnectionTest
{
    public async Task<ConnectionCheck> TestAsync(BraintreeCredentials credentials, CancellationToken cancellationToken)
    {
        var apiBase = credentials.ApiBase is { Length: > 0 } url ? new Uri(url) : connections.ApiBaseOf(credentials.Environment);
        var connection = new BraintreeConnection(apiBase, credentials.MerchantId, credentials.PublicKey, credentials.PrivateKey);
        try
        {
            var plans = await client.PlansAsync(connection, cancellationToken);
            return new ConnectionCheck(true, $"Connected: {plans.Count} plan(s) readable.");
        }
        catch (Exception e) when (e is BraintreeApiException or BraintreeXmlException or HttpRequestException or TaskCanceledException)
        {
            return new ConnectionCheck(false, $"Braintree did not answer as expected: {e.Message}");
        }
    }
}

public static class BraintreeConnectorPartsServiceCollectionExtensions
{
    /// <summary>Braintree whole: its gateway client, import and sync (AddBraintreeConnector), its set-up and webhook route (AddBraintreeSetup), and the parts joining them.</summary>
    public static IServiceCollection AddBraintree(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBraintreeConnector(configuration);
        services.AddBraintreeSetup();
        services.AddTransient<IBraintreeNotificationHandler, BraintreeNotificationHandler>();
        services.AddTransient<IBraintreeConnectionTest, BraintreeConnectionTest>();
        return services;
    }
}
