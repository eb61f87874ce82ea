using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using StripeCharge = Stripe.Charge;
using StripeCreditNote = Stripe.CreditNote;
using StripeDispute = Stripe.Dispute;
using StripeInvoice = Stripe.Invoice;
using StripeRefund = Stripe.Refund;

namespace Dashboard.Infrastructure.Sources.Stripe.Mapping;

/// <summary>Charges, refunds and the links from payments to subscription invoices.</summary>
public static class StripePaymentMapper
{
    /// <summary>
    /// A settled charge; null for one not final yet (pending, or authorized but not captured), which a later sync or
    /// event brings in. Throws for a charge that cannot be stored (no customer).
    /// </summary>
    public static ChargeRecord? MapCharge(StripeCharge charge, PaymentLinkRecord? link)
    {
        var status = charge.Status switch
        {
            "succeeded" when charge.Paid && charge.Captured => ChargeStatus.Paid,
            "failed" => ChargeStatus.Failed,
            _ => (ChargeStatus?)null,
        };
        if (status is null)
        {
            return null;
        }

        var customer = charge.CustomerId
            ?? throw new InvalidOperationException($"Charge {charge.Id} has no customer, so it cannot be attributed.");
        var kind = link is null ? ChargeKind.OneTime : link.Metered ? ChargeKind.Metered : ChargeKind.Recurring;
        return new ChargeRecord(
            charge.Id,
            customer,
            link?.SubscriptionExternalId,
            charge.Amount,
            status == ChargeStatus.Paid ? FeeInChargeCurrency(charge) : 0,
            charge.Currency.ToUpperInvariant(),
            StripeTime.ToInstant(charge.Created),
            status.Value,
            kind);
    }

    /// <summary>
    /// The processor fee in the charge's currency. The balance transaction states it in the settlement currency; when
    /// that differs, the fee is scaled by charge amount / settled amount (both in minor units, so the currencies'
    /// decimals need no table) and rounded half away from zero.
    /// </summary>
    public static long FeeInChargeCurrency(StripeCharge charge)
    {
        if (charge.BalanceTransaction is not { } balance)
        {
            if (charge.BalanceTransactionId is not null)
            {
                throw new InvalidOperationException($"Charge {charge.Id}: balance_transaction was not expanded.");
            }

            return 0;
        }

        if (string.Equals(balance.Currency, charge.Currency, StringComparison.OrdinalIgnoreCase) || balance.Amount == 0)
        {
            return balance.Fee;
        }

        return (long)Math.Round((decimal)balance.Fee * charge.Amount / balance.Amount, MidpointRounding.AwayFromZero);
    }

    /// <summary>A refund that failed or was canceled (after it may have succeeded): the money did not go back, so it is removed.</summary>
    public static bool IsWithdrawn(StripeRefund refund) => refund.Status is "failed" or "canceled";

    /// <summary>A succeeded refund; null for pending, failed or canceled ones.</summary>
    public static RefundRecord? MapRefund(StripeRefund refund)
    {
        if (refund.Status is not ("succeeded" or null))
        {
            return null;
        }

        var charge = refund.ChargeId
            ?? throw new InvalidOperationException($"Refund {refund.Id} names no charge.");
        return new RefundRecord(refund.Id, charge, refund.Amount, refund.Currency.ToUpperInvariant(), StripeTime.ToInstant(refund.Created));
    }

    /// <summary>
    /// A lost dispute as money returned on its charge: the dispute's amount and currency, dated the day it was lost
    /// (../spec metrics: "disputes lost, by the day they were lost"). Stripe's dispute carries no closing time, so that
    /// day is <paramref name="lostAt"/>, the time of its <c>charge.dispute.closed</c> event, when known; otherwise the
    /// dispute is dated when the disputed funds last left the account (the newest of its withdrawal balance
    /// transactions; the dispute's creation when it has none), the nearest date the object itself gives. Null for any
    /// other status: won, warning_closed, prevented and the open ones (needs_response, under_review, warning_*) do not
    /// reduce revenue.
    /// </summary>
    public static RefundRecord? MapDispute(StripeDispute dispute, DateTimeOffset? lostAt = null)
    {
        if (dispute.Status != "lost")
        {
            return null;
        }

        var charge = dispute.ChargeId
            ?? throw new InvalidOperationException($"Dispute {dispute.Id} names no charge.");
        var withdrawn = StripeTime.ToInstant(dispute.BalanceTransactions?
            .Where(t => t.Amount < 0)
            .Select(t => t.Created)
            .DefaultIfEmpty(dispute.Created)
            .Max() ?? dispute.Created);
        return new RefundRecord(dispute.Id, charge, dispute.Amount, dispute.Currency.ToUpperInvariant(),
            lostAt > withdrawn ? lostAt.Value : withdrawn, RefundKind.Dispute);
    }

    /// <summary>
    /// The cash part of a credit note not seen anywhere else: its out-of-band amount, money returned outside Stripe,
    /// as a refund of the invoice's charge on the day the note took effect. The rest never counts here: Stripe
    /// refunds are imported as refunds, credit to the customer's balance lowers a later charge, and a pre-payment
    /// note lowers the invoice before it is charged. Null when the note carries no such amount (or is void).
    /// </summary>
    public static RefundRecord? MapCreditNote(StripeCreditNote note, string? chargeId)
    {
        if (note.Status != "issued" || note.OutOfBandAmount is not > 0)
        {
            return null;
        }

        if (chargeId is null)
        {
            throw new InvalidOperationException(
                $"Credit note {note.Id} returned {note.OutOfBandAmount} outside Stripe, but its invoice {note.InvoiceId ?? "(none)"} has no charge to attach it to.");
        }

        return new RefundRecord(note.Id, chargeId, note.OutOfBandAmount.Value, note.Currency.ToUpperInvariant(),
            StripeTime.ToInstant(note.EffectiveAt ?? note.Created));
    }

    /// <summary>The charge that paid an invoice: its first succeeded payment's charge, directly or through its payment intent.</summary>
    public static string? ChargeOf(StripeInvoice invoice) =>
        invoice.Payments?.Data
            .Where(p => p.Status is null or "paid")
            .Select(p => p.Payment?.ChargeId ?? p.Payment?.PaymentIntent?.LatestChargeId)
            .FirstOrDefault(id => id is not null);

    /// <summary>
    /// The payments of one subscription invoice: each pays for the subscription, as usage (metered) when every
    /// subscription line of the invoice is on a metered price, as recurring fees otherwise.
    /// </summary>
    public static IEnumerable<PaymentLinkRecord> MapPaymentLinks(
        StripeInvoice invoice, string subscriptionId, Func<string, bool> isMeteredPrice)
    {
        var lines = invoice.Lines.Data.Where(l => l.SubscriptionRef == subscriptionId && l.PriceRef is not null).ToList();
        var metered = lines.Count > 0 && lines.All(l => isMeteredPrice(l.PriceRef!));
        foreach (var payment in invoice.Payments?.Data ?? [])
        {
            if (payment.Payment?.Reference is { } reference)
            {
                yield return new PaymentLinkRecord(reference, subscriptionId, metered);
            }
        }
    }
}
