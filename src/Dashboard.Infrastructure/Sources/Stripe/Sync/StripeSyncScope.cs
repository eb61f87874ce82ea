using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>The source being synced, how to reach its Stripe account, and the run's progress (none for webhooks).</summary>
public sealed record StripeSyncScope(long SourceId, StripeConnection Connection, SyncProgress? Progress) : ISyncScope
{
    /// <summary>In a full import, the recent events that date deletions and pauses (none for events and webhooks, which carry their own dates).</summary>
    public StripeImportEvents? ImportEvents { get; init; }
}
