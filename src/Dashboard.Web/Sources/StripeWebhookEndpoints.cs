using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Hangfire;

namespace Dashboard.Web.Sources;

public static class StripeWebhookEndpoints
{
    /// <summary>Largest webhook body read; Stripe's events are far smaller.</summary>
    private const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>
    /// <c>POST /webhooks/stripe/{sourceId}</c>: verifies the Stripe-Signature header with the source's webhook secret
    /// (400 when missing, wrong or stale), then enqueues the event's processing (<see cref="StripeWebhookJob"/>, retried
    /// on failure) and answers 200 at once. 404 for an unknown source.
    /// </summary>
    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/stripe/{sourceId:long}", ReceiveAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        long sourceId, HttpRequest request, StripeWebhookReceiver receiver, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPayloadBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(request.Body);
        var payload = await reader.ReadToEndAsync(cancellationToken);
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
}
