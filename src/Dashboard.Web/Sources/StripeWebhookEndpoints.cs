using Dashboard.Infrastructure.Sources.Stripe.Webhooks;

namespace Dashboard.Web.Sources;

public static class StripeWebhookEndpoints
{
    /// <summary>Largest webhook body read; Stripe's events are far smaller.</summary>
    private const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>
    /// <c>POST /webhooks/stripe/{sourceId}</c>: verifies the Stripe-Signature header with the source's webhook secret
    /// (400 when missing, wrong or stale) and applies the event at once. 404 for an unknown source; 500 when the event
    /// could not be applied, so Stripe delivers it again.
    /// </summary>
    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/stripe/{sourceId:long}", ReceiveAsync).DisableAntiforgery().AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(long sourceId, HttpRequest request, StripeWebhookReceiver receiver, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPayloadBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var reader = new StreamReader(request.Body);
        var payload = await reader.ReadToEndAsync(cancellationToken);
        var outcome = await receiver.ReceiveAsync(sourceId, payload, request.Headers["Stripe-Signature"].ToString(), cancellationToken);
        return outcome switch
        {
            StripeWebhookOutcome.Applied => Results.Ok(new { received = true }),
            StripeWebhookOutcome.InvalidSignature => Results.BadRequest(new { error = "Invalid Stripe-Signature." }),
            StripeWebhookOutcome.UnknownSource => Results.NotFound(),
            _ => Results.StatusCode(StatusCodes.Status500InternalServerError),
        };
    }
}
