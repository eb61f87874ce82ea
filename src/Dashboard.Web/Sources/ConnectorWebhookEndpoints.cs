using System.Text;
using Dashboard.Infrastructure.Sources.Connectors;
using Hangfire;
using Microsoft.AspNetCore.Http.Features;

namespace Dashboard.Web.Sources;

public static class ConnectorWebhookEndpoints
{
    /// <summary>Largest webhook body read; Stripe's events and Braintree's notifications are far smaller.</summary>
    private const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>
    /// <c>POST /webhooks/{provider}/{sourceId}</c> for every registered connector that takes webhooks
    /// (<see cref="IConnectorWebhook"/>; Stripe's stays at /webhooks/stripe/{sourceId}): the provider's verifier checks
    /// the signature with the source's secret (400 when missing, wrong or stale), then the delivery is stored as a
    /// background job (retried on failure) and answered 200 at once. 404 for an unknown provider or source; 413 for a
    /// body over 1 MB, declared or chunked, before more of it is read.
    /// </summary>
    public static IEndpointRouteBuilder MapConnectorWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/{provider}/{sourceId:long}", ReceiveAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        string provider, long sourceId, HttpRequest request, ConnectorRegistry connectors, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (connectors.Webhook(provider) is not { } webhook)
        {
            return Results.NotFound();
        }

        if (await ReadLimitedAsync(request, cancellationToken) is not { } payload)
        {
            return Results.Json(new { error = $"The body is larger than {MaxPayloadBytes} bytes." }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var delivery = new WebhookDelivery(payload, headers);
        switch (await webhook.VerifyAsync(sourceId, delivery, cancellationToken))
        {
            case WebhookVerdict.InvalidSignature:
                return Results.BadRequest(new { error = $"Invalid {webhook.Provider} webhook signature." });
            case WebhookVerdict.UnknownSource:
                return Results.NotFound();
        }

        // The job client (and with it the job storage) is resolved only for a verified delivery, so a rejected one never
        // touches the jobs database. When the job cannot be stored the exception answers 500, and the provider delivers again.
        var jobId = webhook.Enqueue(request.HttpContext.RequestServices.GetRequiredService<IBackgroundJobClient>(), sourceId, delivery);
        loggers.CreateLogger(typeof(ConnectorWebhookEndpoints)).LogInformation(
            "Verified {Provider} webhook for source {SourceId} stored as job {JobId}", webhook.Provider, sourceId, jobId);
        return Results.Ok(new { received = true });
    }

    /// <summary>
    /// The body as text, or null as soon as it exceeds <see cref="MaxPayloadBytes"/>: a declared length is checked
    /// before reading, a chunked body while reading, and the server is told the limit too, so nothing past it is read.
    /// </summary>
    private static async Task<string?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPayloadBytes)
        {
            return null;
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = MaxPayloadBytes + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxPayloadBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
