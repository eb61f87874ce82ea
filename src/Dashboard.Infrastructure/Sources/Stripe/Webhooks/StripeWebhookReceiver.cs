using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Events;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Dashboard.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Webhooks;

public enum StripeWebhookOutcome
{
    /// <summary>Verified: the event may be applied (<see cref="StripeWebhookReceiver.ApplyAsync"/>, as a background job).</summary>
    Verified,

    /// <summary>No such Stripe source, or it has no webhook secret.</summary>
    UnknownSource,

    /// <summary>Missing, malformed, wrong or stale signature; nothing was read from the payload.</summary>
    InvalidSignature,
}

/// <summary>
/// Receives a webhook delivery for one source in two steps: <see cref="VerifyAsync"/> checks the signature before
/// anything else (while Stripe waits for the answer), <see cref="ApplyAsync"/> applies the verified event through the
/// same dispatcher as the events sync (later, in a background job), so a webhook and a later poll of the same event agree.
/// </summary>
public sealed class StripeWebhookReceiver(
    IDbContextFactory<DashboardDbContext> contextFactory,
    StripeSourceConnections connections,
    StripeEventLedger ledger,
    SyncCheckpointStore checkpoints,
    IOptions<StripeOptions> options,
    TimeProvider time,
    ILogger<StripeWebhookReceiver> logger)
{
    public async Task<StripeWebhookOutcome> VerifyAsync(long sourceId, string payload, string? signature, CancellationToken cancellationToken)
    {
        var source = await FindAsync(sourceId, cancellationToken);
        if (source is null || connections.Credentials(source).WebhookSecret is not { Length: > 0 } secret)
        {
            return StripeWebhookOutcome.UnknownSource;
        }

        if (!IsSigned(payload, signature, secret))
        {
            logger.LogWarning("Rejected a Stripe webhook for source {SourceId}: bad or stale signature", sourceId);
            return StripeWebhookOutcome.InvalidSignature;
        }

        if (TryParse(payload) is { Id: not null } stripeEvent)
        {
            await ledger.RecordReceivedAsync(sourceId, stripeEvent, StripeEventLedger.ViaWebhook, cancellationToken);
        }

        return StripeWebhookOutcome.Verified;
    }

    /// <summary>
    /// Applies a verified event. An unreadable payload is recorded as a sync error (trying again cannot help); a failure
    /// to apply is recorded and thrown, so the job is retried (the events sync applies the event later in any case).
    /// </summary>
    public async Task ApplyAsync(long sourceId, string payload, CancellationToken cancellationToken)
    {
        var source = await FindAsync(sourceId, cancellationToken);
        if (source is null)
        {
            logger.LogWarning("A verified Stripe webhook for source {SourceId} was dropped: the source is gone", sourceId);
            return;
        }

        Sdk.Event stripeEvent;
        try
        {
            // Rendered in the account's or endpoint's own API version: only its id, type, time and object id are read.
            stripeEvent = Sdk.EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false)
                ?? throw new Sdk.StripeException("The payload is empty.");
        }
        catch (Exception e) when (e is Sdk.StripeException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException or ArgumentException)
        {
            await checkpoints.RecordErrorAsync(sourceId, "webhooks", "(unreadable)", e.Message, cancellationToken);
            return;
        }

        try
        {
            await ledger.ApplyOnceAsync(new StripeSyncScope(sourceId, connections.Connect(source), null), stripeEvent, StripeEventLedger.ViaWebhook, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Stripe event {EventId} ({Type}) for source {SourceId} could not be applied", stripeEvent.Id, stripeEvent.Type, sourceId);
            await checkpoints.RecordErrorAsync(sourceId, "webhooks", stripeEvent.Id, $"{stripeEvent.Type}: {e.Message}", cancellationToken);
            throw;
        }
    }

    private static Sdk.Event? TryParse(string payload)
    {
        try
        {
            return Sdk.EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is Sdk.StripeException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stripe.net's check of the Stripe-Signature header: any of its <c>v1</c> signatures (several during a secret roll)
    /// is the secret's, and its timestamp <c>t</c> is within the tolerance of now, before or after.
    /// </summary>
    private bool IsSigned(string payload, string? signature, string secret)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        try
        {
            Sdk.EventUtility.ValidateSignature(
                payload, signature, secret, (long)options.Value.WebhookTolerance.TotalSeconds, time.GetUtcNow().ToUnixTimeSeconds());
            return true;
        }
        catch (Exception e) when (e is Sdk.StripeException or FormatException or OverflowException)
        {
            // Stripe.net reads the timestamp after matching the signature: a "t" that is not a number (or does not fit)
            // throws a FormatException or OverflowException there, and such a header is as unverifiable as a wrong one.
            return false;
        }
    }

    private async Task<Source?> FindAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Sources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sourceId && s.Provider == SourceProvider.Stripe, cancellationToken);
        return source?.ProtectedCredentials is null ? null : source;
    }
}
