using Dashboard.Infrastructure.Sources.Braintree.Webhooks;
using Dashboard.Infrastructure.Sources.Connectors;

namespace Dashboard.Infrastructure.Sources.Braintree;

/// <summary>
/// Tries Braintree credentials with one small read (the Sources page's "Test connection"); stores nothing. The gateway
/// is <see cref="BraintreeCredentials.ApiBase"/> when set, else the one of <see cref="BraintreeCredentials.Environment"/>.
/// </summary>
public interface IBraintreeConnectionTest
{
    Task<ConnectionCheck> TestAsync(BraintreeCredentials credentials, CancellationToken cancellationToken);
}

/// <summary>
/// Applies one verified, parsed webhook notification for a Braintree source, in a background job: re-fetch the object
/// it names and write it like a sync does. Must be idempotent (a delivery may come twice); throwing retries the job.
/// </summary>
public interface IBraintreeNotificationHandler
{
    Task ApplyAsync(long sourceId, BraintreeNotification notification, CancellationToken cancellationToken);
}
