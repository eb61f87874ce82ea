using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Core.Money;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.CancellationInsights;

/// <summary>Reads cancellation events in Baremetrics' shape: customer, reason and subscriptions nested.</summary>
internal static class CancellationEventReads
{
    public static async Task<List<CancellationEventDto>> ToDtosAsync(
        DashboardDbContext db, IReadOnlyList<CancellationEvent> events, DateTimeOffset now, Func<long, CustomerMetrics?> numbers,
        CancellationToken cancellationToken)
    {
        var customerIds = events.Select(e => e.CustomerId).Distinct().ToList();
        var customers = await (
                from customer in db.Customers.AsNoTracking()
                where customerIds.Contains(customer.Id)
                join source in db.Sources.AsNoTracking() on customer.SourceId equals source.Id
                select new { Customer = customer, source.Provider })
            .ToDictionaryAsync(r => r.Customer.Id, cancellationToken);
        var reasonIds = events.Select(e => e.ReasonId).Distinct().ToList();
        var reasons = await db.CancellationReasons.AsNoTracking().Where(r => reasonIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var subscriptionRows = await db.Subscriptions.AsNoTracking().Where(s => customerIds.Contains(s.CustomerId)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var subscriptions = (await SubscriptionReads.ToDtosAsync(db, subscriptionRows, now, numbers, cancellationToken))
            .Zip(subscriptionRows, (dto, row) => (Dto: dto, row.CustomerId))
            .ToLookup(s => s.CustomerId, s => s.Dto);

        return events.Select(e =>
        {
            var customer = customers[e.CustomerId];
            var oids = OidsOf(e);
            var concerned = subscriptions[e.CustomerId].Where(s => oids.Count == 0 || oids.Contains(s.Oid)).Select(Nested).ToList();
            var reason = reasons[e.ReasonId];
            return new CancellationEventDto(
                Ids.Text(e.Id), e.Comment, e.OccurredAt, concerned, new ReasonBriefDto(Ids.Text(reason.Id), reason.Text),
                CustomerBriefDto.From(customer.Customer, customer.Provider, numbers(e.CustomerId)),
                customer.Customer.ExternalId, ApiSources.Id(customer.Customer.SourceId), oids, Ids.Text(e.ReasonId), e.OccurredAt);
        }).ToList();
    }

    public static IReadOnlyList<string> OidsOf(CancellationEvent entry) =>
        entry.SubscriptionExternalIds?.Split('|', StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static CancellationSubscriptionDto Nested(SubscriptionDto s)
    {
        var (mrr, addOnMrr) = MonthlyAmounts(s);
        return new CancellationSubscriptionDto(s.Oid, s.SourceId, s.Source, s.CanceledAt, s.StartedAt, true, s.Active, s.Quantity, s.Discount, mrr, addOnMrr, s.Plan);
    }

    /// <summary>
    /// The monthly amounts of the terms in effect now, in minor units of the plan's currency: the plan times the quantity
    /// plus the add-ons, less the discount (never below 0), and the add-ons alone. Zero unless the subscription is active
    /// or past due, as the metrics engine counts it.
    /// </summary>
    public static (long Mrr, long AddOnMrr) MonthlyAmounts(SubscriptionDto s)
    {
        if (s.Plan is not { } plan || s.Status is not ("active" or "past_due"))
        {
            return (0, 0);
        }

        var addOns = s.Addons.Sum(a => a.Amount * a.Quantity);
        var period = Math.Max(0, (plan.Amount * s.Quantity) + addOns - s.Discount);
        if (period == 0)
        {
            return (0, 0);
        }

        var perYear = plan.Interval switch { "day" => 365, "week" => 52, "month" => 12, _ => 1 };
        long Monthly(long amount) => MrrUnits.RoundToMinor(MrrUnits.Monthly(amount, perYear, plan.IntervalCount));
        return (Monthly(period), Monthly(addOns));
    }
}
