using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Import.Batches;

internal sealed partial class BatchPlanner
{
    /// <summary>The refunds the batch writes, by external id, with the charge each ends up on.</summary>
    private readonly Dictionary<string, (Charge Charge, long Amount, int Index)> plannedRefunds = new(StringComparer.Ordinal);
    private readonly HashSet<Charge> refundedCharges = [];

    private void PlanCharge(int index, ChargeImport operation)
    {
        var customer = FindCustomer(index, operation.CustomerOid!, "customer_oid");
        SubscriptionDraft? subscription = null;
        if (Normalize.Text(operation.SubscriptionOid) is { } subscriptionOid)
        {
            subscription = FindDraft(subscriptionOid);
            if (subscription is null)
            {
                Error(index, "subscription_oid", $"Subscription '{subscriptionOid}' does not exist in source {SourceId}.");
            }
            else if (customer is not null && subscription.Customer != customer)
            {
                Error(index, "subscription_oid", $"Subscription '{subscriptionOid}' belongs to customer '{subscription.Customer.ExternalId}', " +
                    $"not '{customer.ExternalId}'.");
            }
        }

        if (customer is null || subscription is null && operation.SubscriptionOid is not null && Normalize.Text(operation.SubscriptionOid) is not null)
        {
            return;
        }

        var isNew = !snapshot.Charges.TryGetValue(operation.Oid!, out var charge);
        charge ??= new Charge { SourceId = SourceId, ExternalId = operation.Oid!, Currency = string.Empty };
        var before = Fields(charge);
        charge.AmountMinor = operation.Amount!.Value;
        charge.FeeMinor = operation.Fee ?? 0;
        charge.Currency = Normalize.Currency(operation.Currency!);
        charge.CreatedAt = Normalize.Instant(operation.Created!.Value);
        charge.Status = operation.Status!.Value;
        charge.Kind = operation.Kind ?? (subscription is null ? ChargeKind.OneTime : ChargeKind.Recurring);
        var linksChanged = isNew || charge.CustomerId != customer.Id || charge.SubscriptionId != subscription?.Entity.Id;
        if (isNew)
        {
            snapshot.Charges[charge.ExternalId] = charge;
        }

        chargeLinks.Add(() =>
        {
            charge.CustomerId = customer.Id;
            charge.SubscriptionId = subscription?.Entity.Id;
            if (isNew)
            {
                db.Charges.Add(charge);
            }
        });
        affectedCustomers.Add(customer);
        var unchanged = !linksChanged && Equals(Fields(charge), before);
        Record(index, isNew ? ImportOutcome.Created : unchanged ? ImportOutcome.Unchanged : ImportOutcome.Updated, () => charge.Id);

        static object Fields(Charge c) => (c.AmountMinor, c.FeeMinor, c.Currency, c.CreatedAt, c.Status, c.Kind);
    }

    private void PlanRefund(int index, RefundImport operation)
    {
        if (!snapshot.Charges.TryGetValue(operation.ChargeOid!, out var charge))
        {
            Error(index, "charge_oid", $"Charge '{operation.ChargeOid}' does not exist in source {SourceId}.");
            return;
        }

        var currency = Normalize.Currency(operation.Currency!);
        if (currency != charge.Currency)
        {
            Error(index, "currency", $"'{currency}' differs from the charge's currency '{charge.Currency}'.");
            return;
        }

        if (charge.Status != ChargeStatus.Paid)
        {
            Error(index, "charge_oid", $"Charge '{charge.ExternalId}' is {charge.Status.ToString().ToLowerInvariant()}; only paid charges can be refunded.");
            return;
        }

        var isNew = !snapshot.Refunds.TryGetValue(operation.Oid!, out var refund);
        refund ??= new Refund { SourceId = SourceId, ExternalId = operation.Oid!, Currency = currency };
        var before = (refund.AmountMinor, refund.Currency, refund.CreatedAt, refund.ChargeId);
        refund.AmountMinor = operation.Amount!.Value;
        refund.Currency = currency;
        refund.CreatedAt = Normalize.Instant(operation.Created!.Value);
        if (isNew)
        {
            snapshot.Refunds[refund.ExternalId] = refund;
        }

        plannedRefunds[refund.ExternalId] = (charge, refund.AmountMinor, index);
        refundLinks.Add(() =>
        {
            refund.ChargeId = charge.Id;
            if (isNew)
            {
                db.Refunds.Add(refund);
            }
        });
        refundedCharges.Add(charge);
        var unchanged = !isNew && before == (refund.AmountMinor, refund.Currency, refund.CreatedAt, charge.Id) && charge.Id != 0;
        Record(index, isNew ? ImportOutcome.Created : unchanged ? ImportOutcome.Unchanged : ImportOutcome.Updated, () => refund.Id);
    }

    /// <summary>Checks every charge the batch touches: all its refunds, stored and new, may not exceed its amount.</summary>
    private void CheckRefundTotals()
    {
        var charges = plannedRefunds.Values.Select(r => r.Charge).ToHashSet();
        foreach (var charge in charges)
        {
            var planned = plannedRefunds.Where(r => r.Value.Charge == charge).ToList();
            var stored = snapshot.RefundsOfCharges
                .Where(r => charge.Id != 0 && r.ChargeId == charge.Id && !plannedRefunds.ContainsKey(r.Oid))
                .Sum(r => r.Amount);
            var total = stored + planned.Sum(r => r.Value.Amount);
            if (total > charge.AmountMinor)
            {
                var last = planned.Max(r => r.Value.Index);
                Error(last, "amount", $"Refunds of charge '{charge.ExternalId}' would total {total}, more than the charge's {charge.AmountMinor}.");
            }
        }

        foreach (var charge in snapshot.Charges.Values.Where(c => c.Id != 0 && !charges.Contains(c)))
        {
            var index = IndexOf<ChargeImport>(charge.ExternalId);
            var total = snapshot.RefundsOfCharges.Where(r => r.ChargeId == charge.Id).Sum(r => r.Amount);
            if (index >= 0 && total > charge.AmountMinor)
            {
                Error(index, "amount", $"The charge's refunds already total {total}, more than {charge.AmountMinor}.");
            }
        }
    }

    private int IndexOf<T>(string oid)
        where T : ImportOperation
    {
        for (var index = batch.Operations.Count - 1; index >= 0; index--)
        {
            if (batch.Operations[index] is T operation && operation.Oid == oid)
            {
                return index;
            }
        }

        return -1;
    }
}
