using Dashboard.Infrastructure.Sources.Connectors;

namespace Dashboard.Infrastructure.Sources.Braintree;

/// <summary>Tries Braintree credentials with one small read (the Sources page's "Test connection"); stores nothing.</summary>
public interface IBraintreeConnectionTest
{
    Task<ConnectionCheck> TestAsync(BraintreeCredentials credentials, Uri apiBase, CancellationToken cancellationToken);
}

/// <summary>
/// Applies one verified webhook notification (the <c>bt_payload</c> as received: base64 of the notification's XML) for a
/// Braintree source, in a background job: re-fetch the object it names and write it through the importer. Must be
/// idempotent (a delivery may be applied twice); throwing makes the job retry.
/// </summary>
public interface IBraintreeNotificationHandler
{
    Task ApplyAsync(long sourceId, string payload, CancellationToken cancellationToken);
}
