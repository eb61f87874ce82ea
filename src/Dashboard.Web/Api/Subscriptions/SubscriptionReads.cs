using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Plans;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Subscriptions;

internal static class SubscriptionReads
{
    /// <summary>
    /// Subscriptions with their whole history. The top-level terms are those in effect at <paramref name="now"/> (the
    /// first state when all lie ahead).
    /// </summary>
    public static async Task<List<SubscriptionDto>> ToDtosAsync(
        DashboardDbContext db, IReadOnlyList<Subscription> subscriptions, DateTimeOffset now, Func<long, CustomerMetrics?> numbers,
        CancellationToken cancellationToken)
    {
        var ids = subscriptions.Select(s => s.Id).ToList();
        var states = await db.SubscriptionStates.AsNoTracking().Include(s => s.AddOns)
            .Where(s => ids.Contains(s.SubscriptionId))
            .ToListAsync(cancellationToken);
        var plans = await PlanReads.ByIdAsync(db, states.Select(s => s.PlanId).Distinct().ToList(), cancellationToken);
        var customerIds = subscriptions.Select(s => s.CustomerId).Distinct().ToList();
        var customers = await (
                from customer in db.Customers.AsNoTracking()
                where customerIds.Contains(customer.Id)
                join source in db.Sources.AsNoTracking() on customer.SourceId equals source.Id
                select new CustomerRow(customer, source.Provider))
            .ToDictionaryAsync(r => r.Customer.Id, cancellationToken);
        var bySubscription = states.ToLookup(s => s.SubscriptionId);

        return subscriptions.Select(subscription =>
        {
            var history = bySubscription[subscription.Id].OrderBy(s => s.EffectiveFrom).ThenBy(s => s.Id).ToList();
            var current = history.LastOrDefault(s => s.EffectiveFrom <= now) ?? history.FirstOrDefault();
            var historyDtos = history.Select(s => new SubscriptionStateDto(
                s.EffectiveFrom, plans.GetValueOrDefault(s.PlanId)?.Oid ?? string.Empty, s.Quantity, s.DiscountMinor, ApiEnums.Name(s.Status),
                AddOns(s), s.Id)).ToList();
            var customer = customers[subscription.CustomerId];
            var plan = current is null ? null : plans.GetValueOrDefault(current.PlanId);
            var status = StatusAt(subscription, current, now);
            return new SubscriptionDto(
                subscription.ExternalId,
                ApiSources.Id(subscription.SourceId),
                ApiSources.Provider(customer.Provider),
                CustomerBriefDto.From(customer.Customer, customer.Provider, numbers(subscription.CustomerId)),
                subscription.CanceledAt,
                subscription.StartedAt,
                status != SubscriptionStatus.Canceled,
                current?.Quantity ?? 1,
                current?.DiscountMinor ?? 0,
                plan,
                current is null ? [] : AddOns(current),
                customer.Customer.ExternalId,
                plan?.Oid ?? string.Empty,
                ApiEnums.Name(status),
                subscription.TrialEnd,
                historyDtos,
                subscription.Id);
        }).ToList();
    }

    public static async Task<SubscriptionDto?> FindAsync(
        DashboardDbContext db, long sourceId, string oid, DateTimeOffset now, Func<long, CustomerMetrics?> numbers, CancellationToken cancellationToken)
    {
        var subscription = await db.Subscriptions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.SourceId == sourceId && s.ExternalId == oid, cancellationToken);
        return subscription is null ? null : (await ToDtosAsync(db, [subscription], now, numbers, cancellationToken))[0];
    }

    private static SubscriptionStatus StatusAt(Subscription subscription, SubscriptionState? current, DateTimeOffset now)
    {
        if (subscription.CanceledAt <= now)
        {
            return SubscriptionStatus.Canceled;
        }

        if (subscription.TrialEnd > now && current?.Status is null or SubscriptionStatus.Active)
        {
            return SubscriptionStatus.Trialing;
        }

        return current?.Status ?? SubscriptionStatus.Active;
    }

    private static List<AddOnDto> AddOns(SubscriptionState state) =>
        state.AddOns.OrderBy(a => a.Id).Select(a => new AddOnDto(a.ExternalId, a.AmountMinor, a.Quantity)).ToList();
}
