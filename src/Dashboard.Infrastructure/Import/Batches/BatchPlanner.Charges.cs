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
        var subscriptionOid = Normalize.Text(operation.SubscriptionOid);
        var subscription = subscriptionOid is null ? null : FindDraft(subscriptionOid);
        if (subscriptionOid is not null && subscription is null)
        {
            Error(index, "subscription_oid", $"Subscription '{subscriptionOid}' does not exist in source {SourceId}.", ImportErrorCode.NotFound);
            return;
        }

        if (customer is null)
        {
            return;
        }

        if (subscription is not null && subscription.Customer != customer)
        {
            Error(index, "subscription_oid", $"Subscription '{subscriptionOid}' belongs to customer '{subscription.Customer.ExternalId}', " +
                $"not '{customer.ExternalId}'.");
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
        if (!isNew && charge.CustomerId != customer.Id)
        {
            affectedCustomerIds.Add(charge.CustomerId);
        }

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
                newRows.Add(charge);
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
            Error(index, "charge_oid", $"Charge '{operation.ChargeOid}' does not exist in source {SourceId}.", ImportErrorCode.NotFound);
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
        var before = (refund.AmountMinor, refund.Currency, refund.CreatedAt, refund.ChargeId, refund.Kind);
        refund.AmountMinor = operation.Amount!.Value;
        refund.Kind = operation.Kind ?? RefundKind.Refund;
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
                newRows.Add(refund);
            }
        });
        refundedCharges.Add(charge);
        var unchanged = !isNew && before == (refund.AmountMinor, refund.Currency, refund.CreatedAt, charge.Id, refund.Kind) && charge.Id != 0;
        Record(index, isNew ? ImportOutcome.Created : unchanged ? ImportOutcome.Unchanged : ImportOutcome.Updated, () => refund.Id);
    }

    /// <summary>Checks every charge the batch touches: all its refunds, stored and new, may not exceed its amount.</summary>
    private void CheckRefundTotals()
    {
        var storedByCharge = snapshot.RefundsOfCharges
            .Where(r => !plannedRefunds.ContainsKey(r.Oid))
            .ToLookup(r => r.ChargeId);
        var plannedByCharge = plannedRefunds.Values.ToLookup(r => r.Charge);
        foreach (var planned in plannedByCharge)
        {
            var charge = planned.Key;
            var total = (charge.Id == 0 ? 0 : storedByCharge[charge.Id].Sum(r => r.Amount)) + planned.Sum(r => r.Amount);
            if (total > charge.AmountMinor)
            {
                Error(planned.Max(r => r.Index), "amount",
                    $"Refunds of charge '{charge.ExternalId}' would total {total}, more than the charge's {charge.AmountMinor}.");
            }
        }

        var chargeIndexes = new Dictionary<string, int>(StringComparer.Ordinal);
        ForEach<ChargeImport>((index, operation) => chargeIndexes[operation.Oid!] = index);
        foreach (var (oid, index) in chargeIndexes)
        {
            if (!snapshot.Charges.TryGetValue(oid, out var charge))
            {
                continue; // refused while planning, already reported
            }

            var total = charge.Id == 0 || plannedByCharge.Contains(charge) ? 0 : storedByCharge[charge.Id].Sum(r => r.Amount);
            if (total > charge.AmountMinor)
            {
                Error(index, "amount", $"The charge's refunds already total {total}, more than {charge.AmountMinor}.");
            }
        }
    }
}
