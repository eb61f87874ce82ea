using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Import.Batches;

/// <summary>
/// The stored rows a batch touches, loaded up front with one query per kind (chunked), tracked so they can be
/// updated. Objects the batch creates are added to the same dictionaries while planning, so later operations find them.
/// </summary>
internal sealed class BatchSnapshot
{
    public required Dictionary<string, Plan> Plans { get; init; }
    public required Dictionary<long, Plan> PlansById { get; init; }
    public required Dictionary<string, Customer> Customers { get; init; }
    public required Dictionary<long, Customer> CustomersById { get; init; }
    public required Dictionary<string, Subscription> Subscriptions { get; init; }
    public required Dictionary<string, Charge> Charges { get; init; }
    public required Dictionary<string, Refund> Refunds { get; init; }

    /// <summary>Every stored refund of the loaded charges, for the refund-total check.</summary>
    public required List<RefundAmount> RefundsOfCharges { get; init; }

    public required Dictionary<string, AttributeField> FieldsByKey { get; init; }
    public required Dictionary<(long CustomerId, long FieldId), CustomerAttribute> Attributes { get; init; }

    /// <summary>Cancellation reasons by text, when the batch records cancellation feedback.</summary>
    public required Dictionary<string, CancellationReason> CancellationReasons { get; init; }

    /// <summary>The source's keyed cancellation-feedback events of the batch's subscriptions, by subscription external id.</summary>
    public required Dictionary<string, CancellationEvent> CancellationEvents { get; init; }

    /// <summary>Which subscriptions use the plans the batch deletes.</summary>
    public required List<PlanUse> PlanUses { get; init; }

    public static async Task<BatchSnapshot> LoadAsync(DashboardDbContext db, ImportBatch batch, CancellationToken ct)
    {
        var sourceId = batch.SourceId;
        var operations = batch.Operations;

        var subscriptionOids = operations.Where(o => o.ObjectKind == ImportObjectKind.Subscription).Select(o => o.Oid)
            .Concat(operations.OfType<ChargeImport>().Select(c => c.SubscriptionOid));
        // Subscriptions only referenced by charges are never written and their terms never read, so such a batch
        // loads them untracked and without their states: every tracked row costs each of the batch's SaveChanges a
        // scan, and a page of charges would otherwise track its subscriptions, their states and add-ons.
        var writesSubscriptions = operations.Any(o => o.ObjectKind == ImportObjectKind.Subscription || o is Deletion);
        var subscriptions = await Chunks.LoadAsync(Present(subscriptionOids), oids =>
        {
            var rows = db.Subscriptions.Where(s => s.SourceId == sourceId && oids.Contains(s.ExternalId));
            return writesSubscriptions
                ? rows.Include(s => s.States).ThenInclude(s => s.AddOns).AsSplitQuery().ToListAsync(ct)
                : rows.AsNoTracking().ToListAsync(ct);
        });

        // Plans are read by plan and subscription operations and by the stored subscriptions' terms; a batch of
        // customers or charges alone never looks at them, so it skips the query.
        var needsPlans = (writesSubscriptions && subscriptions.Count > 0)
            || operations.Any(o => o.ObjectKind is ImportObjectKind.Plan or ImportObjectKind.Subscription);
        var plans = needsPlans ? await db.Plans.Where(p => p.SourceId == sourceId).ToListAsync(ct) : [];

        var customerOids = operations.Where(o => o.ObjectKind == ImportObjectKind.Customer).Select(o => o.Oid)
            .Concat(operations.OfType<SubscriptionImport>().Select(s => s.CustomerOid))
            .Concat(operations.OfType<ChargeImport>().Select(c => c.CustomerOid))
            .Concat(operations.OfType<CustomerAttributeImport>().Select(a => a.CustomerOid));
        // Only customer operations and deletions change customer rows; the other kinds just need their ids, so they read
        // them untracked and the batch's SaveChanges has fewer rows to scan.
        var writesCustomers = operations.Any(o => o.ObjectKind == ImportObjectKind.Customer || o is Deletion);
        var customerRows = writesCustomers ? db.Customers : db.Customers.AsNoTracking();
        var customers = await Chunks.LoadAsync(Present(customerOids), oids => customerRows
            .Where(c => c.SourceId == sourceId && oids.Contains(c.ExternalId)).ToListAsync(ct));
        var missingOwners = subscriptions.Select(s => s.CustomerId).Except(customers.Select(c => c.Id));
        customers.AddRange(await Chunks.LoadAsync(missingOwners, ids => customerRows.Where(c => ids.Contains(c.Id)).ToListAsync(ct)));

        var chargeOids = operations.Where(o => o.ObjectKind == ImportObjectKind.Charge).Select(o => o.Oid)
            .Concat(operations.OfType<RefundImport>().Select(r => r.ChargeOid));
        var charges = await Chunks.LoadAsync(Present(chargeOids), oids => db.Charges
            .Where(c => c.SourceId == sourceId && oids.Contains(c.ExternalId)).ToListAsync(ct));

        var refundOids = operations.Where(o => o.ObjectKind == ImportObjectKind.Refund).Select(o => o.Oid);
        var refunds = await Chunks.LoadAsync(Present(refundOids), oids => db.Refunds
            .Where(r => r.SourceId == sourceId && oids.Contains(r.ExternalId)).ToListAsync(ct));
        var refundsOfCharges = await Chunks.LoadAsync(charges.Select(c => c.Id), ids => db.Refunds.AsNoTracking()
            .Where(r => ids.Contains(r.ChargeId))
            .Select(r => new RefundAmount(r.ChargeId, r.ExternalId, r.AmountMinor)).ToListAsync(ct));

        var fields = operations.OfType<CustomerAttributeImport>().Any()
            ? await db.AttributeFields.ToListAsync(ct)
            : [];
        var customerIdsByOid = customers.Where(c => c.SourceId == sourceId).DistinctBy(c => c.Id)
            .ToDictionary(c => c.ExternalId, c => c.Id, StringComparer.Ordinal);
        var attributeOwners = operations.OfType<CustomerAttributeImport>()
            .Select(a => a.CustomerOid is { } oid && customerIdsByOid.TryGetValue(oid, out var id) ? id : (long?)null)
            .OfType<long>();
        var attributes = await Chunks.LoadAsync(attributeOwners, ids => db.CustomerAttributes
            .Where(a => ids.Contains(a.CustomerId)).ToListAsync(ct));

        var deletedPlanIds = operations.OfType<Deletion>().Where(d => d.Target == ImportObjectKind.Plan)
            .Select(d => plans.FirstOrDefault(p => p.ExternalId == d.Oid)?.Id).OfType<long>();
        var planUses = await Chunks.LoadAsync(deletedPlanIds, ids => db.SubscriptionStates.AsNoTracking()
            .Where(s => ids.Contains(s.PlanId))
            .Join(db.Subscriptions, s => s.SubscriptionId, s => s.Id, (state, subscription) =>
                new PlanUse(state.PlanId, subscription.ExternalId, subscription.CustomerId))
            .Distinct().ToListAsync(ct));

        var feedbackOids = operations.OfType<CancellationFeedbackImport>().Select(f => f.Oid).OfType<string>().Distinct().ToList();
        var reasons = feedbackOids.Count > 0 ? await db.CancellationReasons.ToListAsync(ct) : [];
        var cancellationEvents = await Chunks.LoadAsync(feedbackOids, oids => db.CancellationEvents
            .Where(e => e.FeedbackSourceId == sourceId && oids.Contains(e.SubscriptionExternalIds!)).ToListAsync(ct));

        return new BatchSnapshot
        {
            CancellationReasons = reasons.DistinctBy(r => r.Text).ToDictionary(r => r.Text, StringComparer.Ordinal),
            CancellationEvents = cancellationEvents.ToDictionary(e => e.SubscriptionExternalIds!, StringComparer.Ordinal),
            Plans = plans.ToDictionary(p => p.ExternalId, StringComparer.Ordinal),
            PlansById = plans.ToDictionary(p => p.Id),
            Customers = customers.DistinctBy(c => c.Id).ToDictionary(c => c.ExternalId, StringComparer.Ordinal),
            CustomersById = customers.DistinctBy(c => c.Id).ToDictionary(c => c.Id),
            Subscriptions = subscriptions.ToDictionary(s => s.ExternalId, StringComparer.Ordinal),
            Charges = charges.ToDictionary(c => c.ExternalId, StringComparer.Ordinal),
            Refunds = refunds.ToDictionary(r => r.ExternalId, StringComparer.Ordinal),
            RefundsOfCharges = refundsOfCharges,
            FieldsByKey = fields.ToDictionary(f => f.Key, StringComparer.Ordinal),
            Attributes = attributes.ToDictionary(a => (a.CustomerId, a.FieldId)),
            PlanUses = planUses,
        };
    }

    private static IEnumerable<string> Present(IEnumerable<string?> oids) => oids.OfType<string>().Where(o => o.Length > 0);
}

internal sealed record RefundAmount(long ChargeId, string Oid, long Amount);

internal sealed record PlanUse(long PlanId, string SubscriptionOid, long CustomerId);
