using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Import.Batches;

/// <summary>
/// Turns a batch into writes in two steps. <see cref="Plan"/> checks every operation against the stored rows and the
/// rest of the batch and changes only tracked plans, customers, charges and refunds in memory; <see cref="WriteAsync"/> then saves
/// in dependency phases inside the caller's transaction, linking rows created earlier in the batch by their new ids.
/// </summary>
internal sealed partial class BatchPlanner(DashboardDbContext db, ImportBatch batch, BatchSnapshot snapshot, DateTimeOffset now)
{
    private readonly NewRows newRows = new(db);
    private readonly List<ImportError> errors = [];
    private readonly PlannedItem?[] items = new PlannedItem?[batch.Operations.Count];
    private readonly Dictionary<string, SubscriptionDraft> drafts = new(StringComparer.Ordinal);
    private readonly HashSet<SubscriptionDraft> touchedDrafts = [];
    private readonly List<Action> chargeLinks = [];
    private readonly List<Action> refundLinks = [];
    private readonly List<Action> attributeWrites = [];
    private readonly List<Action>[] deletions = [[], [], [], [], []];
    private readonly HashSet<Customer> affectedCustomers = [];
    private readonly HashSet<long> affectedCustomerIds = [];
    private readonly HashSet<long> chargesOfDeletedRefunds = [];
    private readonly List<Plan> updatedPlans = [];

    /// <summary>Customers whose deletion mark changes: their subscriptions take the same mark (or lose it) after the write.</summary>
    private readonly List<(Customer Customer, DateTimeOffset? Before)> deletionMarks = [];
    private BillingChangeKinds kinds;

    private long SourceId => batch.SourceId;

    public IReadOnlyList<ImportError> Errors => errors;

    public void Plan()
    {
        var operations = batch.Operations;
        ForEach<PlanImport>(PlanPlan);
        ForEach<CustomerImport>(PlanCustomer);
        for (var index = 0; index < operations.Count; index++)
        {
            switch (operations[index])
            {
                case SubscriptionImport subscription:
                    PlanSubscription(index, subscription);
                    break;
                case SubscriptionChange change:
                    PlanChange(index, change);
                    break;
                case SubscriptionCancellation cancellation:
                    PlanCancellation(index, cancellation);
                    break;
                case SubscriptionUncancellation uncancellation:
                    PlanUncancellation(index, uncancellation);
                    break;
                case CancellationFeedbackImport feedback:
                    PlanCancellationFeedback(index, feedback);
                    break;
            }
        }

        ForEach<ChargeImport>(PlanCharge);
        ForEach<RefundImport>(PlanRefund);
        CheckRefundTotals();
        ForEach<CustomerAttributeImport>(PlanAttribute);
        ForEach<Deletion>(PlanDeletion);
    }

    public async Task<ImportResult> WriteAsync(CancellationToken ct)
    {
        await SaveAsync(ct);

        foreach (var draft in touchedDrafts)
        {
            draft.ApplyTo(newRows);
        }

        if (touchedDrafts.Count > 0)
        {
            await SaveAsync(ct);
        }

        // Each SaveChanges scans every tracked row for changes, so phases with nothing to do are skipped.
        foreach (var phase in new[] { chargeLinks, refundLinks, attributeWrites, cancellationWrites }.Where(p => p.Count > 0))
        {
            phase.ForEach(action => action());
            await SaveAsync(ct);
        }

        foreach (var (customer, before) in deletionMarks)
        {
            // A deleted customer's subscriptions are marked deleted with it (their history stays); brought back, they are unmarked.
            var deletedAt = customer.DeletedAt;
            await db.Subscriptions.Where(s => s.CustomerId == customer.Id && (s.DeletedAt == null || s.DeletedAt == before))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.DeletedAt, deletedAt), ct);
        }

        affectedCustomerIds.UnionWith(refundedCharges.Select(c => c.CustomerId));
        await CollectIndirectlyAffectedAsync(ct);
        foreach (var phase in deletions.Where(p => p.Count > 0))
        {
            phase.ForEach(action => action());
            await SaveAsync(ct);
        }

        var results = items.Select((item, index) => new ImportItemResult(index, item!.Kind, item.Oid, item.Outcome, item.Id())).ToList();
        affectedCustomerIds.UnionWith(affectedCustomers.Select(c => c.Id));
        return new ImportResult(results, affectedCustomerIds.Order().ToList());
    }

    /// <summary>Writes the phase's new rows (see <see cref="NewRows"/>), then EF Core's tracked changes.</summary>
    private async Task SaveAsync(CancellationToken ct)
    {
        await newRows.WriteAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    public BillingChange Change(IReadOnlyCollection<long> customerIds) => new(SourceId, customerIds, kinds);

    private async Task CollectIndirectlyAffectedAsync(CancellationToken ct)
    {
        var planIds = updatedPlans.Select(p => p.Id).ToList();
        affectedCustomerIds.UnionWith(await Chunks.LoadAsync(planIds, ids => db.SubscriptionStates.AsNoTracking()
            .Where(s => ids.Contains(s.PlanId))
            .Join(db.Subscriptions, s => s.SubscriptionId, s => s.Id, (_, subscription) => subscription.CustomerId)
            .Distinct().ToListAsync(ct)));
        affectedCustomerIds.UnionWith(await Chunks.LoadAsync(chargesOfDeletedRefunds, ids => db.Charges.AsNoTracking()
            .Where(c => ids.Contains(c.Id)).Select(c => c.CustomerId).ToListAsync(ct)));
    }

    private void ForEach<T>(Action<int, T> plan)
        where T : ImportOperation
    {
        for (var index = 0; index < batch.Operations.Count; index++)
        {
            if (batch.Operations[index] is T operation)
            {
                plan(index, operation);
            }
        }
    }

    private void Error(int index, string field, string message, ImportErrorCode code = ImportErrorCode.Invalid) =>
        errors.Add(new ImportError(index, batch.Operations[index].Oid, field, message, code));

    private void Record(int index, ImportOutcome outcome, Func<long?> id)
    {
        var operation = batch.Operations[index];
        var oid = operation is CustomerAttributeImport attribute ? $"{attribute.CustomerOid}/{attribute.Key}" : operation.Oid!;
        items[index] = new PlannedItem(operation.ObjectKind, oid, outcome, id);
        if (outcome != ImportOutcome.Unchanged && outcome != ImportOutcome.NotFound)
        {
            kinds |= operation is CustomerAttributeImport ? BillingChangeKinds.Attributes : BillingChangeKinds.Billing;
        }
    }

    private void PlanPlan(int index, PlanImport operation)
    {
        var isNew = !snapshot.Plans.TryGetValue(operation.Oid!, out var plan);
        plan ??= new Plan { SourceId = SourceId, ExternalId = operation.Oid!, Name = string.Empty, Currency = string.Empty };
        var before = Fields(plan);
        plan.Name = operation.Name!.Trim();
        plan.Currency = Normalize.Currency(operation.Currency!);
        plan.AmountMinor = operation.Amount!.Value;
        plan.Interval = operation.Interval!.Value;
        plan.IntervalCount = operation.IntervalCount ?? 1;
        plan.TrialDuration = operation.TrialDuration is > 0 ? operation.TrialDuration : null;
        plan.TrialDurationUnit = operation.TrialDuration is > 0 ? operation.TrialDurationUnit : null;
        plan.IsMetered = operation.IsMetered;
        if (isNew)
        {
            snapshot.Plans[plan.ExternalId] = plan;
            newRows.Add(plan);
        }
        else if (!Equals(Fields(plan), before))
        {
            updatedPlans.Add(plan);
        }

        Record(index, isNew ? ImportOutcome.Created : Equals(Fields(plan), before) ? ImportOutcome.Unchanged : ImportOutcome.Updated, () => plan.Id);

        static object Fields(Plan p) =>
            (p.Name, p.Currency, p.AmountMinor, p.Interval, p.IntervalCount, p.TrialDuration, p.TrialDurationUnit, p.IsMetered);
    }

    private void PlanCustomer(int index, CustomerImport operation)
    {
        var isNew = !snapshot.Customers.TryGetValue(operation.Oid!, out var customer);
        customer ??= new Customer { SourceId = SourceId, ExternalId = operation.Oid!, CreatedAt = now };
        var before = Fields(customer);
        customer.Name = Normalize.Text(operation.Name);
        customer.Email = Normalize.Text(operation.Email);
        customer.Notes = Normalize.Text(operation.Notes);
        customer.Country = Normalize.Text(operation.Country)?.ToUpperInvariant();
        customer.Currency = Normalize.Text(operation.Currency) is { } currency ? Normalize.Currency(currency) : null;
        customer.CreatedAt = Normalize.Instant(operation.Created) ?? customer.CreatedAt;
        var deletedBefore = customer.DeletedAt;
        customer.DeletedAt = Normalize.Instant(operation.Deleted);
        if (customer.DeletedAt != deletedBefore)
        {
            deletionMarks.Add((customer, deletedBefore));
        }

        if (isNew)
        {
            snapshot.Customers[customer.ExternalId] = customer;
            newRows.Add(customer);
        }

        affectedCustomers.Add(customer);
        Record(index, isNew ? ImportOutcome.Created : Equals(Fields(customer), before) ? ImportOutcome.Unchanged : ImportOutcome.Updated,
            () => customer.Id);

        static object Fields(Customer c) => (c.Name, c.Email, c.Notes, c.Country, c.Currency, c.CreatedAt, c.DeletedAt);
    }

    private Customer? FindCustomer(int index, string oid, string field)
    {
        if (snapshot.Customers.TryGetValue(oid, out var customer))
        {
            return customer;
        }

        Error(index, field, $"Customer '{oid}' does not exist in source {SourceId}; import it first or in the same batch.", ImportErrorCode.NotFound);
        return null;
    }

    private sealed record PlannedItem(ImportObjectKind Kind, string Oid, ImportOutcome Outcome, Func<long?> Id);
}
