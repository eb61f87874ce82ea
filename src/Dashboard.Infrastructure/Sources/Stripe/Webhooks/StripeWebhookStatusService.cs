using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Events;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Sources.Stripe.Webhooks;

/// <summary>A source's webhook deliveries not applied yet: waiting for their job, or failed and being retried.</summary>
public sealed record StripeWebhookStatus(int Pending, int Failed, string? LastError, DateTimeOffset? LastErrorAt);

/// <summary>Reads the webhook side of the event ledger for the Sources page.</summary>
public sealed class StripeWebhookStatusService(IDbContextFactory<DashboardDbContext> contextFactory)
{
    /// <summary>Per source with pending or failed webhook events, their counts and the latest failure.</summary>
    public async Task<IReadOnlyDictionary<long, StripeWebhookStatus>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var open = db.Set<StripeEventRecord>().AsNoTracking()
            .Where(e => e.Via == StripeEventLedger.ViaWebhook && (e.Status == StripeEventStatus.Pending || e.Status == StripeEventStatus.Failed));
        var counts = await open.GroupBy(e => new { e.SourceId, e.Status })
            .Select(g => new { g.Key.SourceId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var failures = await open.Where(e => e.Status == StripeEventStatus.Failed)
            .Select(e => new { e.SourceId, e.LastError, e.ReceivedAt, e.Id })
            .ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.SourceId).ToDictionary(
            g => g.Key,
            g =>
            {
                var latest = failures.Where(f => f.SourceId == g.Key).OrderByDescending(f => f.Id).FirstOrDefault();
                return new StripeWebhookStatus(
                    g.Where(c => c.Status == StripeEventStatus.Pending).Sum(c => c.Count),
                    g.Where(c => c.Status == StripeEventStatus.Failed).Sum(c => c.Count),
                    latest?.LastError,
                    latest?.ReceivedAt);
            });
    }
}
