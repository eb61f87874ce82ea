using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using System.Text;
using Hangfire;
using Microsoft.AspNetCore.Http.Features;

namespace Dashboard.Web.Sources;

public static class StripeWebhookEndpoints
{
    /// <summary>Largest webhook body read; Stripe's events are far smaller.</summary>
    private const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>
    /// <c>POST /webhooks/stripe/{sourceId}</c>: verifies the Stripe-Signature header with the source's webhook secret
    /// (400 when missing, wrong or stale), then enqueues the event's processing (<see cref="StripeWebhookJob"/>, retried
    /// on failure) and answers 200 at once. 404 for an unknown source; 413 for a body over 1 MB, declared or chunked,
    /// before more of it is read.
    /// </summary>
    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/stripe/{sourceId:long}", ReceiveAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        long sourceId, HttpRequest request, StripeWebhookReceiver receiver, CancellationToken cancellationToken)
    {
        if (await ReadLimitedAsync(request, cancellationToken) is not { } payload)
        {
            return Results.Json(new { error = $"The body is larger than {MaxPayloadBytes} bytes." }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var outcome = await receiver.VerifyAsync(sourceId, payload, request.Headers["Stripe-Signature"].ToString(), cancellationToken);
        switch (outcome)
        {
            case StripeWebhookOutcome.InvalidSignature:
                return Results.BadRequest(new { error = "Invalid Stripe-Signature." });
            case StripeWebhookOutcome.UnknownSource:
                return Results.NotFound();
        }

        // The job client (and with it the job storage) is resolved only for a verified delivery, so a rejected one never
        // touches the jobs database. When the job cannot be stored the exception answers 500, and Stripe delivers again.
        StripeWebhookJob.Enqueue(request.HttpContext.RequestServices.GetRequiredService<IBackgroundJobClient>(), sourceId, payload);
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
