using Dashboard.Core.Billing;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Metrics;

/// <summary>
/// Streams the store into a <see cref="TimelineBuilder"/>: row by row, untracked, one query per table, so a million
/// customers load without building entity graphs. Tables are read in storage order (no ORDER BY): an index-ordered
/// scan of a large table is random I/O, and the builder groups rows by customer itself. With customer ids it loads only those customers' rows (for
/// incremental updates); reference data (plans, fields, rates) always comes whole.
/// </summary>
public static class TimelineLoader
{
    private const int IdChunk = 500;

    public static async Task<TimelineBuilder> LoadAllAsync(DashboardDbContext db, MetricSettings settings, CancellationToken cancellationToken)
    {
        var builder = new TimelineBuilder(settings);
        builder.EnsureCapacity(
            await db.Customers.CountAsync(cancellationToken),
            await db.Subscriptions.CountAsync(cancellationToken),
            await db.SubscriptionStates.CountAsync(cancellationToken),
            await db.Charges.CountAsync(cancellationToken) + await db.Refunds.CountAsync(cancellationToken));
        await LoadReferenceDataAsync(db, builder, cancellationToken);
        await LoadCustomerRowsAsync(db, builder, null, cancellationToken);
        return builder;
    }

    /// <summary>Adds the complete rows of <paramref name="customerIds"/> to an update builder; returns the ids no longer in the store.</summary>
    public static async Task<IReadOnlyCollection<long>> LoadCustomersAsync(DashboardDbContext db, TimelineBuilder builder,
        IReadOnlyCollection<long> customerIds, CancellationToken cancellationToken)
    {
        // Plans and fields may be new since the last build; adding them again is an upsert in the builder.
        await LoadPlansAndFieldsAsync(db, builder, cancellationToken);
        var found = new HashSet<long>();
        foreach (var chunk in customerIds.Chunk(IdChunk))
        {
            found.UnionWith(await LoadCustomerRowsAsync(db, builder, chunk, cancellationToken));
        }

        return customerIds.Where(id => !found.Contains(id)).ToList();
    }

    private static async Task LoadReferenceDataAsync(DashboardDbContext db, TimelineBuilder builder, CancellationToken cancellationToken)
    {
        await foreach (var rate in db.FxRates.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddFxRate(rate.Date, rate.Currency, rate.Rate);
        }

        await LoadPlansAndFieldsAsync(db, builder, cancellationToken);
    }

    private static async Task LoadPlansAndFieldsAsync(DashboardDbContext db, TimelineBuilder builder, CancellationToken cancellationToken)
    {
        await foreach (var plan in db.Plans.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddPlan(plan);
        }

        await foreach (var field in db.AttributeFields.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddAttributeField(field.Id, field.Key, field.Type);
        }
    }

    private static async Task<HashSet<long>> LoadCustomerRowsAsync(DashboardDbContext db, TimelineBuilder builder, long[]? ids,
        CancellationToken cancellationToken)
    {
        var loaded = new HashSet<long>();
        var customers = ids is null ? db.Customers : db.Customers.Where(c => ids.Contains(c.Id));
        await foreach (var c in customers.AsNoTracking()
            .Select(c => new { c.Id, c.SourceId, c.ExternalId, c.Name, c.Email, c.Country, c.Currency })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddCustomer(c.Id, c.SourceId, c.ExternalId, c.Name, c.Email, c.Country, c.Currency);
            loaded.Add(c.Id);
        }

        var attributes = ids is null ? db.CustomerAttributes : db.CustomerAttributes.Where(a => ids.Contains(a.CustomerId));
        await foreach (var a in attributes.AsNoTracking()
            .Select(a => new { a.CustomerId, a.FieldId, a.Value })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddCustomerAttribute(a.CustomerId, a.FieldId, a.Value);
        }

        var subscriptions = ids is null ? db.Subscriptions : db.Subscriptions.Where(s => ids.Contains(s.CustomerId));
        await foreach (var s in subscriptions.AsNoTracking()
            .Select(s => new { s.Id, s.CustomerId, s.ExternalId, s.StartedAt, s.TrialEnd, s.CanceledAt, s.CancelRequestedAt })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddSubscription(s.Id, s.CustomerId, s.ExternalId, s.StartedAt, s.TrialEnd, s.CanceledAt, s.CancelRequestedAt);
        }

        var states = ids is null
            ? db.SubscriptionStates
            : db.SubscriptionStates.Where(st => db.Subscriptions.Any(s => s.Id == st.SubscriptionId && ids.Contains(s.CustomerId)));
        await foreach (var st in states.AsNoTracking()
            .Select(st => new { st.Id, st.SubscriptionId, st.EffectiveFrom, st.PlanId, st.Quantity, st.DiscountMinor, st.Status, st.AmountMinor, st.Currency })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddSubscriptionState(st.Id, st.SubscriptionId, st.EffectiveFrom, st.PlanId, st.Quantity, st.DiscountMinor, st.Status,
                st.AmountMinor, st.Currency);
        }

        var addOns = ids is null
            ? db.SubscriptionAddOns
            : db.SubscriptionAddOns.Where(a => db.SubscriptionStates.Any(st => st.Id == a.SubscriptionStateId
                && db.Subscriptions.Any(s => s.Id == st.SubscriptionId && ids.Contains(s.CustomerId))));
        await foreach (var a in addOns.AsNoTracking().Select(a => new { a.SubscriptionStateId, a.AmountMinor, a.Quantity })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddAddOn(a.SubscriptionStateId, a.AmountMinor, a.Quantity);
        }

        var charges = ids is null ? db.Charges : db.Charges.Where(c => ids.Contains(c.CustomerId));
        await foreach (var c in charges.AsNoTracking()
            .Select(c => new { c.CustomerId, c.AmountMinor, c.FeeMinor, c.Currency, c.CreatedAt, c.Status, c.Kind })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddCharge(c.CustomerId, c.AmountMinor, c.FeeMinor, c.Currency, c.CreatedAt, c.Status, c.Kind);
        }

        var refunds =
            from r in db.Refunds
            join c in db.Charges on r.ChargeId equals c.Id
            where ids == null || ids.Contains(c.CustomerId)
            select new { c.CustomerId, r.AmountMinor, r.Currency, r.CreatedAt, r.Kind };
        await foreach (var r in refunds.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.AddRefund(r.CustomerId, r.AmountMinor, r.Currency, r.CreatedAt, r.Kind);
        }

        return loaded;
    }
}
