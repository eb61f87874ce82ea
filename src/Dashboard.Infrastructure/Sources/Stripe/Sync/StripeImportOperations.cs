using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Sources.Stripe.Mapping;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>The importer's operations for mapped Stripe objects: one group per object, written or refused together.</summary>
internal static class StripeImportOperations
{
    public static ImportOperation Plan(PlanRecord plan) => new PlanImport
    {
        Oid = plan.ExternalId,
        Name = plan.Name,
        Currency = plan.Currency,
        Amount = plan.AmountMinor,
        Interval = plan.Interval,
        IntervalCount = plan.IntervalCount,
        TrialDuration = plan.TrialDays,
        TrialDurationUnit = plan.TrialDays is null ? null : BillingInterval.Day,
        IsMetered = plan.IsMetered,
    };

    public static ImportOperation Customer(CustomerRecord customer) => new CustomerImport
    {
        Oid = customer.ExternalId,
        Name = customer.Name,
        Email = customer.Email,
        Country = customer.Country,
        Currency = customer.Currency,
        Created = customer.CreatedAt,
    };

    /// <summary>The customer's metadata as attribute values, kept apart so a refused value never blocks the customer.</summary>
    public static IReadOnlyList<ImportOperation> Attributes(CustomerRecord customer) =>
        customer.Attributes.Select(a => (ImportOperation)new CustomerAttributeImport
        {
            Oid = customer.ExternalId,
            CustomerOid = customer.ExternalId,
            Key = a.Key,
            Value = a.Value,
        }).ToList();

    /// <summary>The subscription with its first terms, then each later state as a change at its instant.</summary>
    public static IReadOnlyList<ImportOperation> Subscription(SubscriptionRecord subscription)
    {
        if (subscription.States.Count == 0)
        {
            throw new InvalidOperationException($"Subscription {subscription.ExternalId} has no recurring price to import.");
        }

        var first = subscription.States[0];
        var operations = new List<ImportOperation>
        {
            new SubscriptionImport
            {
                Oid = subscription.ExternalId,
                CustomerOid = subscription.CustomerExternalId,
                PlanOid = first.PlanExternalId,
                StartedAt = subscription.StartedAt,
                TrialEnd = subscription.TrialEnd,
                CanceledAt = subscription.CanceledAt,
                CancelRequestedAt = subscription.CancelRequestedAt,
                Quantity = first.Quantity,
                Discount = first.DiscountMinor,
                Amount = first.AmountMinor,
                Currency = first.Currency,
                Status = first.Status,
                AddOns = AddOns(first),
            },
        };
        operations.AddRange(subscription.States.Skip(1).Select(state => new SubscriptionChange
        {
            Oid = subscription.ExternalId,
            PlanOid = state.PlanExternalId,
            OccurredAt = state.EffectiveFrom,
            Quantity = state.Quantity,
            Discount = state.DiscountMinor,
            Amount = state.AmountMinor,
            Currency = state.Currency,
            Status = state.Status,
            AddOns = AddOns(state),
        }));
        if (subscription.CanceledAt is null && subscription.CancelRequestedAt is null)
        {
            // Stripe shows no cancellation: one scheduled earlier and withdrawn (cancel_at_period_end cleared) is withdrawn here too.
            operations.Add(new SubscriptionUncancellation { Oid = subscription.ExternalId });
        }

        if (subscription.Cancellation is { } cancellation)
        {
            operations.Add(new CancellationFeedbackImport
            {
                Oid = subscription.ExternalId,
                Reason = ReasonText(cancellation.Reason),
                Comment = cancellation.Comment,
                OccurredAt = cancellation.RequestedAt,
            });
        }

        return operations;
    }

    /// <summary>Stripe's codes (too_expensive, payment_failed) as reason texts like the ones people type: "Too expensive".</summary>
    public static string ReasonText(string code)
    {
        var words = code.Trim().Replace('_', ' ');
        return words.Length == 0 ? code : char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static ImportOperation Charge(ChargeRecord charge) => new ChargeImport
    {
        Oid = charge.ExternalId,
        CustomerOid = charge.CustomerExternalId,
        SubscriptionOid = charge.SubscriptionExternalId,
        Amount = charge.AmountMinor,
        Fee = charge.FeeMinor,
        Currency = charge.Currency,
        Created = charge.CreatedAt,
        Status = charge.Status,
        Kind = charge.Kind,
    };

    public static ImportOperation Refund(RefundRecord refund) => new RefundImport
    {
        Oid = refund.ExternalId,
        ChargeOid = refund.ChargeExternalId,
        Amount = refund.AmountMinor,
        Currency = refund.Currency,
        Created = refund.CreatedAt,
        Kind = refund.Kind,
    };

    public static ImportOperation DeleteRefund(string refundId) =>
        new Deletion { Oid = refundId, Target = ImportObjectKind.Refund };

    /// <summary>
    /// The customer as stored (or its id alone, created at <paramref name="created"/> when given), marked deleted at
    /// <paramref name="deletedAt"/> (not marked when null).
    /// </summary>
    public static ImportOperation DeletedCustomer(
        string customerId, Dashboard.Core.Billing.Customer? stored, DateTimeOffset? deletedAt, DateTimeOffset? created = null) => new CustomerImport
    {
        Oid = customerId,
        Name = stored?.Name,
        Email = stored?.Email,
        Notes = stored?.Notes,
        Country = stored?.Country,
        Currency = stored?.Currency,
        Created = stored?.CreatedAt ?? created ?? deletedAt,
        Deleted = deletedAt,
    };

    private static List<AddOnImport> AddOns(StateRecord state) =>
        state.AddOns.Select(a => new AddOnImport { Oid = a.ExternalId, Amount = a.AmountMinor, Quantity = a.Quantity }).ToList();
}
