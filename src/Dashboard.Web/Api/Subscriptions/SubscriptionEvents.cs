using System.Globalization;

namespace Dashboard.Web.Api.Subscriptions;

public enum SubscriptionWriteKind
{
    Created,
    Updated,
    Canceled,
}

/// <summary>
/// The event a subscription write answers with, as Baremetrics does (<c>subscription.created</c>, <c>.updated</c>,
/// <c>.canceled</c>). Its id is the id the same change has in the events feed (<c>GET /{source_id}/events</c>).
/// </summary>
public static class SubscriptionEvents
{
    public static string StateEventId(long stateId) => "subscription_state_" + stateId.ToString(CultureInfo.InvariantCulture);

    public static string CancellationEventId(long subscriptionId) => "subscription_cancellation_" + subscriptionId.ToString(CultureInfo.InvariantCulture);

    /// <param name="occurredAt">The <c>occurred_at</c> a change was sent with (null: the newest state).</param>
    public static SubscriptionEventEnvelope Envelope(SubscriptionWriteKind kind, SubscriptionDto subscription, DateTimeOffset? occurredAt, DateTimeOffset receivedAt)
    {
        var history = subscription.History;
        switch (kind)
        {
            case SubscriptionWriteKind.Created when history.Count > 0:
            {
                var first = history[0];
                var info = new Dictionary<string, object?>
                {
                    ["oid"] = subscription.Oid,
                    ["started_at"] = subscription.StartedAt,
                    ["plan_oid"] = first.PlanOid,
                    ["customer_oid"] = subscription.CustomerOid,
                    ["canceled_at"] = subscription.CanceledAt,
                    ["trial_end"] = subscription.TrialEnd,
                    ["quantity"] = first.Quantity,
                    ["discount"] = first.Discount,
                    ["addons"] = first.Addons,
                };
                return Wrap(StateEventId(first.StateId), "subscription.created", info, subscription.StartedAt, receivedAt, subscription);
            }

            case SubscriptionWriteKind.Updated when history.Count > 0:
            {
                var state = history.LastOrDefault(h => h.OccurredAt == occurredAt) ?? history[^1];
                var info = new Dictionary<string, object?>
                {
                    ["plan_oid"] = state.PlanOid,
                    ["occurred_at"] = state.OccurredAt,
                    ["quantity"] = state.Quantity,
                    ["discount"] = state.Discount,
                    ["addons"] = state.Addons,
                };
                return Wrap(StateEventId(state.StateId), "subscription.updated", info, state.OccurredAt, receivedAt, subscription);
            }

            default:
            {
                var canceledAt = subscription.CanceledAt ?? receivedAt;
                var info = new Dictionary<string, object?> { ["canceled_at"] = subscription.CanceledAt, ["addons"] = Array.Empty<AddOnDto>() };
                return Wrap(CancellationEventId(subscription.Id), "subscription.canceled", info, canceledAt, receivedAt, subscription);
            }
        }
    }

    private static SubscriptionEventEnvelope Wrap(
        string id, string type, Dictionary<string, object?> info, DateTimeOffset occurredAt, DateTimeOffset receivedAt, SubscriptionDto subscription) =>
        new(new SubscriptionEventDto(id, type, info, occurredAt, receivedAt), subscription);
}
