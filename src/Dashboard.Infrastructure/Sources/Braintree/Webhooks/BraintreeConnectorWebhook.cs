using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Connectors;
using Hangfire;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Sources.Braintree.Webhooks;

/// <summary>
/// Braintree's webhooks at <c>/webhooks/braintree/{source id}</c>: a form body with <c>bt_signature</c> and
/// <c>bt_payload</c>, verified with the source's key pair (<see cref="BraintreeWebhookSignature"/>), then applied by
/// <see cref="BraintreeWebhookJob"/>.
/// </summary>
public sealed class BraintreeConnectorWebhook(
    IDbContextFactory<DashboardDbContext> contextFactory,
    ConnectedSourceStore sources,
    ILogger<BraintreeConnectorWebhook> logger) : IConnectorWebhook
{
    public const string SignatureField = "bt_signature";
    public const string PayloadField = "bt_payload";

    public SourceProvider Provider => SourceProvider.Braintree;

    public async Task<WebhookVerdict> VerifyAsync(long sourceId, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Sources.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == sourceId && s.Provider == SourceProvider.Braintree && s.ProtectedCredentials != null, cancellationToken);
        if (source is null)
        {
            return WebhookVerdict.UnknownSource;
        }

        var credentials = sources.Credentials<BraintreeCredentials>(source)!;
        var (signature, payload) = Fields(delivery.Body);
        if (!BraintreeWebhookSignature.IsValid(signature, payload, credentials.PublicKey, credentials.PrivateKey))
        {
            logger.LogWarning("Rejected a Braintree webhook for source {SourceId}: missing or wrong bt_signature", sourceId);
            return WebhookVerdict.InvalidSignature;
        }

        return WebhookVerdict.Verified;
    }

    public string Enqueue(IBackgroundJobClient jobs, long sourceId, WebhookDelivery delivery) =>
        BraintreeWebhookJob.Enqueue(jobs, sourceId, Fields(delivery.Body).Payload
            ?? throw new InvalidOperationException("Only a verified delivery (with its bt_payload) is enqueued."));

    /// <summary>The two form fields of the body (application/x-www-form-urlencoded), each null when absent or given twice.</summary>
    public static (string? Signature, string? Payload) Fields(string body)
    {
        var form = QueryHelpers.ParseQuery(body.StartsWith('?') ? body : "?" + body);
        return (Single(form, SignatureField), Single(form, PayloadField));
    }

    private static string? Single(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
