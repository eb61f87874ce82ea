using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// Moves a <see cref="StripeObjectVersion"/> forward, never back, safely when several workers apply events of the same
/// object at once: a conditional update (only where the stored event is older), else an insert that, when another
/// worker inserted first (the unique index refuses it), tries the update again.
/// </summary>
internal static class StripeObjectVersions
{
    /// <summary>
    /// Records the event as the version of <paramref name="key"/> if no newer event is recorded for it; true when it is
    /// the newest (or as new as the newest: events of one second, or the same event retried), false when it is late.
    /// </summary>
    public static async Task<bool> ClaimAsync(
        IDbContextFactory<DashboardDbContext> contextFactory, long sourceId, string key, DateTimeOffset created, string eventId,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var versions = db.Set<StripeObjectVersion>().Where(v => v.SourceId == sourceId && v.ObjectId == key);
            if (await versions.Where(v => v.EventCreatedAt < created)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.EventCreatedAt, created).SetProperty(v => v.EventId, eventId), cancellationToken) > 0)
            {
                return true;
            }

            if (await versions.Select(v => (DateTimeOffset?)v.EventCreatedAt).SingleOrDefaultAsync(cancellationToken) is { } stored)
            {
                return stored <= created;
            }

            db.Add(new StripeObjectVersion { SourceId = sourceId, ObjectId = key, EventCreatedAt = created, EventId = eventId });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another worker recorded this object at the same moment: compare with what it wrote.
            }
        }
    }
}
