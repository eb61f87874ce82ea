using Dashboard.Core.Billing;
using Hangfire;

namespace Dashboard.Infrastructure.Sources.Connectors;

/// <summary>A webhook request as received: the body as text and the headers (names compared case-insensitively).</summary>
public sealed record WebhookDelivery(string Body, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

public enum WebhookVerdict
{
    /// <summary>The signature holds: the delivery is enqueued and answered at once.</summary>
    Verified,

    /// <summary>No such source of this provider, or it cannot receive webhooks (no secret): 404.</summary>
    UnknownSource,

    /// <summary>Missing, malformed, wrong or stale signature; nothing else was read: 400.</summary>
    InvalidSignature,
}

/// <summary>
/// A provider's webhooks at <c>/webhooks/{name}/{source id}</c>: the signature is verified while the provider waits,
/// then the delivery is stored as a background job (retried on failure) and answered at once.
/// </summary>
public interface IConnectorWebhook
{
    SourceProvider Provider { get; }

    Task<WebhookVerdict> VerifyAsync(long sourceId, WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Enqueues the processing of a verified delivery and returns the job's id.</summary>
    string Enqueue(IBackgroundJobClient jobs, long sourceId, WebhookDelivery delivery);
}
