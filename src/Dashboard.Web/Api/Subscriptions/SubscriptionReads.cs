using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Subscriptions;

internal static class SubscriptionReads
{
    /// <summary>
    /// Subscriptions with their whole history. The top-level terms are those in effect at <paramref name="now"/> (the
    /// first state when all lie ahead).
    /// </summary>
    public static async Task<List<SubscriptionDto>> ToDtosAsync(
        DashboardDbContext db, IReadOnlyList<Subscription> subscriptions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = subscriptions.Select(s => s.Id).ToList();
        var states = await db.SubscriptionStates.AsNoTracking().Include(s => s.AddOns)
            .Where(s => ids.Contains(s.SubscriptionId))
            .ToListAsync(cancellationToken);
        var planIds = states.Select(s => s.PlanId).Distinct().ToList();
        var planOids = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.ExternalId, cancellationToken);
        var customerIds = subscriptions.Select(s => s.CustomerId).Distinct().ToList();
        var customerOids = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.ExternalId, cancellationToken);
        var bySubscription = states.ToLookup(s => s.SubscriptionId);

        return subscriptions.Select(subscription =>
        {
            var history = bySubscription[subscription.Id].OrderBy(s => s.EffectiveFrom).ThenBy(s => s.Id).ToList();
            var current = history.LastOrDefault(s => s.EffectiveFrom <= now) ?? history.FirstOrDefault();
            var historyDtos = history.Select(s => new SubscriptionStateDto(
                s.EffectiveFrom, planOids.GetValueOrDefault(s.PlanId, string.Empty), s.Quantity, s.DiscountMinor, ApiEnums.Name(s.Status),
                AddOns(s))).ToList();
            return new SubscriptionDto(
                subscription.ExternalId,
                subscription.SourceId,
                customerOids.GetValueOrDefault(subscription.CustomerId, string.Empty),
                current is null ? string.Empty : planOids.GetValueOrDefault(current.PlanId, string.Empty),
                StatusAt(subscription, current, now),
                subscription.StartedAt,
                subscription.CanceledAt,
                subscription.TrialEnd,
                current?.Quantity ?? 1,
                current?.DiscountMinor ?? 0,
                current is null ? [] : AddOns(current),
                historyDtos);
        }).ToList();
    }

    public static async Task<SubscriptionDto?> FindAsync(
        DashboardDbContext db, long sourceId, string oid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.SourceId == sourceId && s.ExternalId == oid, cancellationToken);
        return subscription is null ? null : (await ToDtosAsync(db, [subscription], now, cancellationToken))[0];
    }

    private static string StatusAt(Subscription subscription, SubscriptionState? current, DateTimeOffset now)
    {
        if (subscription.CanceledAt <= now)
        {
            return ApiEnums.Name(SubscriptionStatus.Canceled);
        }

        if (subscription.TrialEnd > now && current?.Status is null or SubscriptionStatus.Active)
        {
            return ApiEnums.Name(SubscriptionStatus.Trialing);
        }

        return ApiEnums.Name(current?.Status ?? SubscriptionStatus.Active);
    }

    private static List<AddOnDto> AddOns(SubscriptionState state) =>
        state.AddOns.OrderBy(a => a.Id).Select(a => new AddOnDto(a.ExternalId, a.AmountMinor, a.Quantity)).ToList();
}
