using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Customers;

/// <summary>A customer as stored: the customer row with its source, subscriptions with every state, charges with their refunds, attributes.</summary>
public sealed record CustomerRecord(
    Customer Customer,
    string SourceName,
    SourceProvider Provider,
    IReadOnlyList<SubscriptionRecord> Subscriptions,
    IReadOnlyList<ChargeRecord> Charges,
    IReadOnlyList<AttributeRecord> Attributes);

/// <summary>A subscription and its states, oldest first.</summary>
public sealed record SubscriptionRecord(
    long Id,
    string ExternalId,
    DateTimeOffset StartedAt,
    DateTimeOffset? TrialEnd,
    DateTimeOffset? CanceledAt,
    DateTimeOffset? CancelRequestedAt,
    IReadOnlyList<StateRecord> States);

/// <summary>
/// One state of a subscription: the plan's terms plus quantity, discount and add-ons (amounts in <see cref="Currency"/>:
/// the state's own when the source billed it, else the plan's). <see cref="BilledAmountMinor"/> is the main item's
/// billed amount per period when the source gave one (an invoice line), in place of plan × quantity.
/// </summary>
public sealed record StateRecord(
    DateTimeOffset EffectiveFrom,
    string PlanName,
    string PlanExternalId,
    string Currency,
    long PlanAmountMinor,
    BillingInterval Interval,
    int IntervalCount,
    int Quantity,
    long DiscountMinor,
    SubscriptionStatus Status,
    IReadOnlyList<SubscriptionAddOn> AddOns,
    long? BilledAmountMinor = null)
{
    /// <summary>What one billing period costs: the billed amount (else plan x quantity) + add-ons - discount, floored at 0.</summary>
    public long PeriodAmountMinor =>
        Math.Max(0, (BilledAmountMinor ?? PlanAmountMinor * Quantity) + AddOns.Sum(a => a.AmountMinor * a.Quantity) - DiscountMinor);
}

/// <summary>A charge with its refunds (amounts in the charge's currency).</summary>
public sealed record ChargeRecord(
    long Id,
    string ExternalId,
    DateTimeOffset CreatedAt,
    long AmountMinor,
    long FeeMinor,
    string Currency,
    ChargeStatus Status,
    ChargeKind Kind,
    IReadOnlyList<Refund> Refunds)
{
    public long RefundedMinor => Refunds.Sum(r => r.AmountMinor);
}

public sealed record AttributeRecord(string Key, string Title, AttributeType Type, string Value);

/// <summary>Loads a <see cref="CustomerRecord"/> with a handful of indexed queries (by customer id), not one per row.</summary>
public static class CustomerRecordLoader
{
    public static async Task<CustomerRecord?> LoadAsync(DashboardDbContext db, long customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var source = await db.Sources.AsNoTracking().Where(s => s.Id == customer.SourceId)
            .Select(s => new { s.Name, s.Provider }).FirstOrDefaultAsync(cancellationToken);

        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId == customerId).ToListAsync(cancellationToken);
        var subscriptionIds = subscriptions.Select(s => s.Id).ToList();
        var states = await db.SubscriptionStates.AsNoTracking().Where(s => subscriptionIds.Contains(s.SubscriptionId)).ToListAsync(cancellationToken);
        var stateIds = states.Select(s => s.Id).ToList();
        var addOns = await db.SubscriptionAddOns.AsNoTracking().Where(a => stateIds.Contains(a.SubscriptionStateId)).ToListAsync(cancellationToken);
        var planIds = states.Select(s => s.PlanId).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        var charges = await db.Charges.AsNoTracking().Where(c => c.CustomerId == customerId).ToListAsync(cancellationToken);
        var chargeIds = charges.Select(c => c.Id).ToList();
        var refunds = await db.Refunds.AsNoTracking().Where(r => chargeIds.Contains(r.ChargeId)).ToListAsync(cancellationToken);

        var attributes = await db.CustomerAttributes.AsNoTracking().Where(a => a.CustomerId == customerId)
            .Join(db.AttributeFields, a => a.FieldId, f => f.Id, (a, f) => new AttributeRecord(f.Key, f.Title, f.Type, a.Value))
            .ToListAsync(cancellationToken);

        var addOnsByState = addOns.ToLookup(a => a.SubscriptionStateId);
        var statesBySubscription = states.ToLookup(s => s.SubscriptionId);
        var refundsByCharge = refunds.ToLookup(r => r.ChargeId);
        return new CustomerRecord(
            customer,
            source?.Name ?? "(unknown source)",
            source?.Provider ?? SourceProvider.Api,
            subscriptions
                .OrderBy(s => s.StartedAt).ThenBy(s => s.Id)
                .Select(s => new SubscriptionRecord(s.Id, s.ExternalId, s.StartedAt, s.TrialEnd, s.CanceledAt, s.CancelRequestedAt,
                    statesBySubscription[s.Id].OrderBy(st => st.EffectiveFrom).ThenBy(st => st.Id).Select(st =>
                    {
                        var plan = plans[st.PlanId];
                        return new StateRecord(st.EffectiveFrom, plan.Name, plan.ExternalId, st.Currency ?? plan.Currency, plan.AmountMinor, plan.Interval,
                            plan.IntervalCount, st.Quantity, st.DiscountMinor, st.Status, addOnsByState[st.Id].OrderBy(a => a.Id).ToList(), st.AmountMinor);
                    }).ToList()))
                .ToList(),
            charges
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Select(c => new ChargeRecord(c.Id, c.ExternalId, c.CreatedAt, c.AmountMinor, c.FeeMinor, c.Currency, c.Status, c.Kind,
                    refundsByCharge[c.Id].OrderBy(r => r.CreatedAt).ToList()))
                .ToList(),
            attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToList());
    }
}
