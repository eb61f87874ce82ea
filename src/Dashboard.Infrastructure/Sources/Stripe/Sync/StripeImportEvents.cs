using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Mapping;
using Newtonsoft.Json.Linq;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>
/// The full import's look-up of dates the objects themselves do not carry, in the events Stripe still keeps (30 days):
/// when a customer was deleted (<c>customer.deleted</c>; a deleted customer is answered without any date), when a
/// dispute was lost (<c>charge.dispute.closed</c>; the dispute has no closing time) and when a subscription's
/// collection was paused or resumed (<c>customer.subscription.updated</c> whose
/// <c>previous_attributes</c> name <c>pause_collection</c>). Each list is read at most once per import, the first time
/// an object needs it (<c>GET /v1/events?type=...&amp;created[gte]=...</c>, newest first, paged), and only the dates are
/// kept. An object whose change is older than the events kept gets no date here: the caller falls back.
/// </summary>
public sealed class StripeImportEvents(IStripeApi api, StripeConnection connection, DateTimeOffset since, int pageSize)
{
    public const string CustomerDeleted = "customer.deleted";
    public const string SubscriptionUpdated = "customer.subscription.updated";
    public const string DisputeClosed = "charge.dispute.closed";

    private readonly SemaphoreSlim gate = new(1, 1);
    private Dictionary<string, DateTimeOffset>? deletions;
    private Dictionary<string, DateTimeOffset>? closings;
    private Dictionary<string, PauseChanges>? pauses;

    /// <summary>The <c>created</c> of the customer's <c>customer.deleted</c> event, or null when Stripe no longer keeps it.</summary>
    public async Task<DateTimeOffset?> CustomerDeletedAtAsync(string customerId, CancellationToken cancellationToken)
    {
        var all = deletions ?? await LoadAsync(() => deletions, ct => ReadCreatedAsync(CustomerDeleted, ct), d => deletions = d, cancellationToken);
        return all.TryGetValue(customerId, out var at) ? at : null;
    }

    /// <summary>The <c>created</c> of the dispute's <c>charge.dispute.closed</c> event, or null when Stripe no longer keeps it.</summary>
    public async Task<DateTimeOffset?> DisputeClosedAtAsync(string disputeId, CancellationToken cancellationToken)
    {
        var all = closings ?? await LoadAsync(() => closings, ct => ReadCreatedAsync(DisputeClosed, ct), c => closings = c, cancellationToken);
        return all.TryGetValue(disputeId, out var at) ? at : null;
    }

    /// <summary>
    /// For a subscription whose collection is paused now, the newest event that started a pause (its previous
    /// <c>pause_collection</c> was null); for one not paused any more, the newest event that changed
    /// <c>pause_collection</c> (it ended the pause). Null when no such event is kept.
    /// </summary>
    public async Task<SubscriptionEventDates?> PauseDatesAsync(string subscriptionId, bool pausedNow, CancellationToken cancellationToken)
    {
        var all = pauses ?? await LoadAsync(() => pauses, ReadPausesAsync, p => pauses = p, cancellationToken);
        if (!all.TryGetValue(subscriptionId, out var changes))
        {
            return null;
        }

        if (pausedNow)
        {
            return changes.NewestStart is { } start ? new SubscriptionEventDates(start, start) : null;
        }

        return changes.NewestStart == changes.Newest ? null : new SubscriptionEventDates(null, changes.Newest);
    }

    private async Task<T> LoadAsync<T>(Func<T?> loaded, Func<CancellationToken, Task<T>> read, Action<T> keep, CancellationToken cancellationToken)
        where T : class
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (loaded() is { } done)
            {
                return done;
            }

            var result = await read(cancellationToken);
            keep(result);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Per object, the <c>created</c> of the newest kept event of <paramref name="type"/> (the list is newest first).</summary>
    private async Task<Dictionary<string, DateTimeOffset>> ReadCreatedAsync(string type, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var stripeEvent in List(type, cancellationToken))
        {
            if (stripeEvent.ObjectId is { } id)
            {
                found.TryAdd(id, StripeTime.ToInstant(stripeEvent.Created));
            }
        }

        return found;
    }

    private async Task<Dictionary<string, PauseChanges>> ReadPausesAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, PauseChanges>(StringComparer.Ordinal);
        await foreach (var stripeEvent in List(SubscriptionUpdated, cancellationToken))
        {
            if (stripeEvent.ObjectId is not { } id || stripeEvent.Data?.PreviousAttributes is not JObject previous
                || !previous.TryGetValue("pause_collection", out var before))
            {
                continue;
            }

            // Newest first: the first change seen for a subscription is its newest, and so is the first start.
            var at = StripeTime.ToInstant(stripeEvent.Created);
            var changes = found.TryGetValue(id, out var known) ? known : new PauseChanges(at, null);
            if (changes.NewestStart is null && before.Type == JTokenType.Null)
            {
                changes = changes with { NewestStart = at };
            }

            found[id] = changes;
        }

        return found;
    }

    private IAsyncEnumerable<Sdk.Event> List(string type, CancellationToken cancellationToken) =>
        api.Client(connection).V1.Events.ListAutoPagingAsync(
            new Sdk.EventListOptions
            {
                Type = type,
                Created = new Sdk.DateRangeOptions { GreaterThanOrEqual = since.UtcDateTime },
                Limit = pageSize,
            },
            null,
            cancellationToken);

    /// <summary>A subscription's newest <c>pause_collection</c> change and newest pause start among the events kept.</summary>
    private sealed record PauseChanges(DateTimeOffset Newest, DateTimeOffset? NewestStart);
}
