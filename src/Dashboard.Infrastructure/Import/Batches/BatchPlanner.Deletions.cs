using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Import.Batches;

internal sealed partial class BatchPlanner
{
    private const int RefundDeletions = 0, ChargeDeletions = 1, SubscriptionDeletions = 2, CustomerDeletions = 3, PlanDeletions = 4;

    private void PlanAttribute(int index, CustomerAttributeImport operation)
    {
        var customer = FindCustomer(index, operation.CustomerOid!, "customer_oid");
        if (!snapshot.FieldsByKey.TryGetValue(operation.Key!.Trim(), out var field))
        {
            Error(index, "key", $"No attribute field has the key '{operation.Key}'; create the field first.");
            return;
        }

        if (!AttributeValues.TryNormalize(field.Type, operation.Value!, out var value))
        {
            Error(index, "value", $"'{operation.Value}' is not a {field.Type.ToString().ToLowerInvariant()} (field '{field.Key}').");
            return;
        }

        if (customer is null)
        {
            return;
        }

        var stored = customer.Id == 0 ? null : snapshot.Attributes.GetValueOrDefault((customer.Id, field.Id));
        var unchanged = stored?.Value == value;
        attributeWrites.Add(() =>
        {
            if (stored is not null)
            {
                stored.Value = value;
            }
            else if (snapshot.Attributes.TryGetValue((customer.Id, field.Id), out var written))
            {
                written.Value = value;
            }
            else
            {
                var attribute = new CustomerAttribute { CustomerId = customer.Id, FieldId = field.Id, Value = value };
                snapshot.Attributes[(customer.Id, field.Id)] = attribute;
                newRows.Add(attribute);
            }
        });
        if (!unchanged)
        {
            affectedCustomers.Add(customer);
        }

        Record(index, stored is null ? ImportOutcome.Created : unchanged ? ImportOutcome.Unchanged : ImportOutcome.Updated, () => customer.Id);
    }

    private void PlanDeletion(int index, Deletion operation)
    {
        var oid = operation.Oid!;
        switch (operation.Target)
        {
            case ImportObjectKind.Plan when snapshot.Plans.TryGetValue(oid, out var plan):
                var users = snapshot.PlanUses.Where(u => u.PlanId == plan.Id).Select(u => u.SubscriptionOid)
                    .Concat(drafts.Values.Where(d => d.States.Any(s => s.Terms.Plan == plan)).Select(d => d.Entity.ExternalId))
                    .Distinct().Order(StringComparer.Ordinal).ToList();
                if (users.Count > 0)
                {
                    Error(index, "oid", $"Plan '{oid}' is used by subscription(s) {string.Join(", ", users.Take(5).Select(u => $"'{u}'"))}; " +
                        "delete or change them first.", ImportErrorCode.InUse);
                    return;
                }

                Delete(index, PlanDeletions, plan, plan.Id, customerId: null);
                break;
            case ImportObjectKind.Customer when snapshot.Customers.TryGetValue(oid, out var customer):
                Delete(index, CustomerDeletions, customer, customer.Id, customer.Id);
                break;
            case ImportObjectKind.Subscription when snapshot.Subscriptions.TryGetValue(oid, out var subscription):
                Delete(index, SubscriptionDeletions, subscription, subscription.Id, subscription.CustomerId);
                break;
            case ImportObjectKind.Charge when snapshot.Charges.TryGetValue(oid, out var charge):
                Delete(index, ChargeDeletions, charge, charge.Id, charge.CustomerId);
                break;
            case ImportObjectKind.Refund when snapshot.Refunds.TryGetValue(oid, out var refund):
                chargesOfDeletedRefunds.Add(refund.ChargeId);
                Delete(index, RefundDeletions, refund, refund.Id, customerId: null);
                break;
            case ImportObjectKind.CustomerAttribute:
                Error(index, "kind", "Attribute values are removed by deleting their field or their customer.");
                break;
            default:
                Record(index, ImportOutcome.NotFound, () => null);
                break;
        }
    }

    private void Delete(int index, int phase, object entity, long id, long? customerId)
    {
        deletions[phase].Add(() => db.Remove(entity));
        if (customerId is { } affected)
        {
            affectedCustomerIds.Add(affected);
        }

        Record(index, ImportOutcome.Deleted, () => id);
    }
}
