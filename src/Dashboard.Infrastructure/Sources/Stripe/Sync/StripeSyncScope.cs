using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>The source being synced, how to reach its Stripe account, and the run's progress (none for webhooks).</summary>
public sealed record StripeSyncScope(long SourceId, StripeConnection Connection, SyncProgress? Progress) : ISyncScope;
