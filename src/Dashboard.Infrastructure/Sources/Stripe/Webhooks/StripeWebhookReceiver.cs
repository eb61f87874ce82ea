using System.Text.Json;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Events;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Dashboard.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Sources.Stripe.Webhooks;

public enum StripeWebhookOutcome
{
    /// <summary>Verified and applied (or of a type the dashboard does not need).</summary>
    Applied,

    /// <summary>No such Stripe source, or it has no webhook secret.</summary>
    UnknownSource,

    /// <summary>Missing, malformed, wrong or stale signature; nothing was read from the payload.</summary>
    InvalidSignature,

    /// <summary>Verified but not applied now (recorded as a sync error); Stripe will deliver it again.</summary>
    Failed,
}

/// <summary>
/// Receives a webhook delivery for one source: verifies the signature before anything else, then applies the event
/// through the same dispatcher as the events sync, so a webhook and a later poll of the same event agree.
/// </summary>
public sealed class StripeWebhookReceiver(
    IDbContextFactory<DashboardDbContext> contextFactory,
    StripeSourceConnections connections,
    StripeEventDispatcher dispatcher,
    SyncCheckpointStore checkpoints,
    IOptions<StripeOptions> options,
    TimeProvider time,
    ILogger<StripeWebhookReceiver> logger)
{
    public async Task<StripeWebhookOutcome> ReceiveAsync(long sourceId, string payload, string? signature, CancellationToken cancellationToken)
    {
        Source? source;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            source = await db.Sources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sourceId && s.Provider == SourceProvider.Stripe, cancellationToken);
        }

        if (source?.ProtectedCredentials is null || connections.Credentials(source).WebhookSecret is not { Length: > 0 } secret)
        {
            return StripeWebhookOutcome.UnknownSource;
        }

        if (!StripeWebhookSignature.IsValid(payload, signature, secret, time.GetUtcNow(), options.Value.WebhookTolerance))
        {
            logger.LogWarning("Rejected a Stripe webhook for source {SourceId}: bad or stale signature", sourceId);
            return StripeWebhookOutcome.InvalidSignature;
        }

        StripeEvent stripeEvent;
        try
        {
            stripeEvent = JsonSerializer.Deserialize<StripeEvent>(payload, StripeJson.Options)
                ?? throw new JsonException("The payload is empty.");
        }
        catch (JsonException e)
        {
            await checkpoints.RecordErrorAsync(sourceId, "webhooks", "(unreadable)", e.Message, cancellationToken);
            return StripeWebhookOutcome.Failed;
        }

        try
        {
            await dispatcher.DispatchAsync(new StripeSyncScope(sourceId, connections.Connect(source), null), stripeEvent, cancellationToken);
            return StripeWebhookOutcome.Applied;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Stripe event {EventId} ({Type}) for source {SourceId} could not be applied", stripeEvent.Id, stripeEvent.Type, sourceId);
            await checkpoints.RecordErrorAsync(sourceId, "webhooks", stripeEvent.Id, $"{stripeEvent.Type}: {e.Message}", cancellationToken);
            return StripeWebhookOutcome.Failed;
        }
    }
}
