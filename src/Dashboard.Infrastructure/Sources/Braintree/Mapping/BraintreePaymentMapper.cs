using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Sources.Braintree.Api;

namespace Dashboard.Infrastructure.Sources.Braintree.Mapping;

/// <summary>A transaction's operations: the charge (or refund) itself, then what its disputes took back.</summary>
public sealed record BraintreePaymentImport(IReadOnlyList<ImportOperation> Charges, IReadOnlyList<ImportOperation> Refunds);

/// <summary>Sales as charges, credits as refunds of the sale they name, lost disputes as refunds of their sale.</summary>
public static class BraintreePaymentMapper
{
    /// <summary>Money taken (or, for a credit, given back).</summary>
    public static readonly IReadOnlySet<string> Settled = new HashSet<string>(StringComparer.Ordinal) { "settled", "settling", "submitted_for_settlement", "settlement_pending" };

    /// <summary>Attempts that took no money.</summary>
    public static readonly IReadOnlySet<string> Declined = new HashSet<string>(StringComparer.Ordinal) { "failed", "gateway_rejected", "processor_declined", "settlement_declined" };

    /// <summary>Authorizations that ended without money moving: a charge stored earlier (submitted, then voided) is removed.</summary>
    public static readonly IReadOnlySet<string> Undone = new HashSet<string>(StringComparer.Ordinal) { "voided", "authorization_expired" };

    /// <summary>Dispute outcomes where the merchant lost the money.</summary>
    public static readonly IReadOnlySet<string> DisputeLost = new HashSet<string>(StringComparer.Ordinal) { "lost", "accepted", "auto_accepted" };

    public static BraintreePaymentImport Map(BraintreeTransaction transaction, Func<string?, string> currencyOfAccount)
    {
        var currency = transaction.CurrencyIsoCode ?? currencyOfAccount(transaction.MerchantAccountId);
        var amount = BraintreeMoney.ToMinor(transaction.Amount, currency, $"Transaction {transaction.Id} amount");
        if (transaction.Type == "credit")
        {
            return Credit(transaction, currency, amount);
        }

        if (transaction.Type != "sale")
        {
            throw new InvalidOperationException($"Transaction {transaction.Id} has type '{transaction.Type}', neither sale nor credit.");
        }

        var status = Settled.Contains(transaction.Status) ? ChargeStatus.Paid
            : Declined.Contains(transaction.Status) ? ChargeStatus.Failed
            : (ChargeStatus?)null;
        if (status is null)
        {
            // Authorized (or authorizing): not money yet, a later sync sees it settle. Voided: remove what an earlier sync stored.
            return Undone.Contains(transaction.Status)
                ? new BraintreePaymentImport([new Deletion { Oid = transaction.Id, Target = ImportObjectKind.Charge }], [])
                : new BraintreePaymentImport([], []);
        }

        var customer = transaction.CustomerId
            ?? throw new InvalidOperationException($"Transaction {transaction.Id} has no customer, so it cannot be attributed.");
        var charge = new ChargeImport
        {
            Oid = transaction.Id,
            CustomerOid = customer,
            SubscriptionOid = transaction.SubscriptionId,
            Amount = amount,
            Fee = status == ChargeStatus.Paid && transaction.ServiceFeeAmount is { } fee ? BraintreeMoney.ToMinor(fee, currency, $"Transaction {transaction.Id} service fee") : 0,
            Currency = currency,
            Created = transaction.CreatedAt,
            Status = status,
            Kind = transaction.SubscriptionId is null ? ChargeKind.OneTime : ChargeKind.Recurring,
        };
        var refunds = new List<ImportOperation>();
        if (status == ChargeStatus.Paid)
        {
            foreach (var dispute in transaction.Disputes)
            {
                refunds.Add(DisputeLost.Contains(dispute.Status)
                    ? new RefundImport
                    {
                        Oid = dispute.Id,
                        ChargeOid = transaction.Id,
                        Amount = Math.Min(amount, BraintreeMoney.ToMinor(dispute.AmountDisputed, dispute.CurrencyIsoCode ?? currency, $"Dispute {dispute.Id} amount")),
                        Currency = currency,
                        Created = dispute.ReceivedDate is { } received ? BraintreeMoney.Midnight(received) : transaction.CreatedAt,
                    }
                    : new Deletion { Oid = dispute.Id, Target = ImportObjectKind.Refund });
            }
        }

        return new BraintreePaymentImport([charge], refunds);
    }

    private static BraintreePaymentImport Credit(BraintreeTransaction credit, string currency, long amount)
    {
        if (Undone.Contains(credit.Status) || Declined.Contains(credit.Status))
        {
            return new BraintreePaymentImport([], [new Deletion { Oid = credit.Id, Target = ImportObjectKind.Refund }]);
        }

        if (!Settled.Contains(credit.Status))
        {
            return new BraintreePaymentImport([], []);
        }

        var refunded = credit.RefundedTransactionId
            ?? throw new InvalidOperationException($"Credit {credit.Id} refunds no transaction (a detached credit), so it is not imported.");
        return new BraintreePaymentImport([], [new RefundImport
        {
            Oid = credit.Id,
            ChargeOid = refunded,
            Amount = amount,
            Currency = currency,
            Created = credit.CreatedAt,
        }]);
    }
}
