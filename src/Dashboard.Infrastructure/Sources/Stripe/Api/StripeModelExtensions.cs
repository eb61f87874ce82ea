using Newtonsoft.Json.Linq;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>The few derived readings of Stripe.net's models that the mapping and the sync share.</summary>
public static class StripeModelExtensions
{
    extension(Sdk.Invoice invoice)
    {
        /// <summary>The invoice's subscription (under <c>parent.subscription_details</c> in the pinned version).</summary>
        public string? SubscriptionRef => invoice.Parent?.SubscriptionDetails?.SubscriptionId;
    }

    extension(Sdk.InvoiceLineItem line)
    {
        public string? SubscriptionRef =>
            line.Parent?.SubscriptionItemDetails?.Subscription ?? line.Parent?.InvoiceItemDetails?.Subscription;

        public bool IsProration =>
            line.Parent?.SubscriptionItemDetails?.Proration ?? line.Parent?.InvoiceItemDetails?.Proration ?? false;

        public string? PriceRef => line.Pricing?.PriceDetails?.PriceId;

        public long DiscountTotal => line.DiscountAmounts?.Sum(d => d.Amount) ?? 0;
    }

    extension(Sdk.SubscriptionItem item)
    {
        /// <summary>The item's price id, falling back to its legacy plan (Stripe serves every plan as a price with the same id).</summary>
        public string? PriceRef => item.Price?.Id ?? item.Plan?.Id;
    }

    extension(Sdk.Discount discount)
    {
        public Sdk.Coupon? ResolvedCoupon => discount.Source?.Coupon;
    }

    extension(Sdk.InvoicePaymentPayment payment)
    {
        /// <summary>The payment intent or charge id the payment names.</summary>
        public string? Reference => payment.PaymentIntentId ?? payment.ChargeId;
    }

    extension(Sdk.Event stripeEvent)
    {
        /// <summary>The id of the object the event is about, whatever API version rendered it.</summary>
        public string? ObjectId =>
            (stripeEvent.Data?.Object as Sdk.IHasId)?.Id
            ?? (stripeEvent.Data?.RawObject as JObject)?["id"]?.Value<string>();

        /// <summary>Whether the change named the subscription's (or object's) items among its previous attributes.</summary>
        public bool Changed(string attribute) =>
            stripeEvent.Data?.PreviousAttributes is JObject previous && previous.ContainsKey(attribute);
    }
}
