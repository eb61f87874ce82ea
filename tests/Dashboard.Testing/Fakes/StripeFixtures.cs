using System.Globalization;
using System.Text.Json.Nodes;

namespace Dashboard.Testing.Fakes;

/// <summary>Stripe objects shaped like Stripe's own example objects (API 2025-03-31 and later), built for tests.</summary>
public static class StripeFixtures
{
    public static long T(string isoUtc) =>
        DateTimeOffset.Parse(isoUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeSeconds();

    public static JsonObject Customer(string id, string email, string name, string country, long created, params (string Key, string Value)[] metadata) => new()
    {
        ["id"] = id,
        ["object"] = "customer",
        ["address"] = new JsonObject { ["city"] = null, ["country"] = country, ["line1"] = null, ["postal_code"] = null },
        ["balance"] = 0,
        ["created"] = created,
        ["currency"] = "usd",
        ["delinquent"] = false,
        ["email"] = email,
        ["invoice_prefix"] = "7FE1103",
        ["livemode"] = false,
        ["metadata"] = Metadata(metadata),
        ["name"] = name,
        ["tax_exempt"] = "none",
    };

    public static JsonObject Product(string id, string name, long created) => new()
    {
        ["id"] = id,
        ["object"] = "product",
        ["active"] = true,
        ["created"] = created,
        ["name"] = name,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
    };

    public static JsonObject Price(string id, string product, long unitAmount, long created, string interval = "month",
        int intervalCount = 1, string usageType = "licensed", string currency = "usd", string? nickname = null,
        string taxBehavior = "exclusive") => new()
    {
        ["id"] = id,
        ["object"] = "price",
        ["active"] = true,
        ["billing_scheme"] = "per_unit",
        ["created"] = created,
        ["currency"] = currency,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["nickname"] = nickname,
        ["product"] = product,
        ["recurring"] = new JsonObject
        {
            ["interval"] = interval,
            ["interval_count"] = intervalCount,
            ["meter"] = null,
            ["usage_type"] = usageType,
            ["trial_period_days"] = null,
        },
        ["tax_behavior"] = taxBehavior,
        ["type"] = "recurring",
        ["unit_amount"] = unitAmount,
        ["unit_amount_decimal"] = unitAmount.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A graduated or volume price: no unit_amount, its amounts in <c>tiers</c> (each up_to a quantity, the last
    /// unbounded), as Stripe serves it when <c>billing_scheme</c> is tiered.
    /// </summary>
    public static JsonObject TieredPrice(string id, string product, long created, string tiersMode, params (long? UpTo, long UnitAmount, long FlatAmount)[] tiers)
    {
        var price = Price(id, product, 0, created);
        price["billing_scheme"] = "tiered";
        price["tiers_mode"] = tiersMode;
        price["unit_amount"] = null;
        price["unit_amount_decimal"] = null;
        price["tiers"] = new JsonArray(tiers.Select(t => (JsonNode)new JsonObject
        {
            ["flat_amount"] = t.FlatAmount,
            ["flat_amount_decimal"] = t.FlatAmount.ToString(CultureInfo.InvariantCulture),
            ["unit_amount"] = t.UnitAmount,
            ["unit_amount_decimal"] = t.UnitAmount.ToString(CultureInfo.InvariantCulture),
            ["up_to"] = t.UpTo,
        }).ToArray());
        return price;
    }

    /// <summary>
    /// A price of a fraction of a minor unit per unit (<c>unit_amount_decimal</c>, e.g. "33.3333"): Stripe leaves
    /// <c>unit_amount</c> null when the amount is not a whole number.
    /// </summary>
    public static JsonObject DecimalPrice(string id, string product, string unitAmountDecimal, long created)
    {
        var price = Price(id, product, 0, created);
        price["unit_amount"] = null;
        price["unit_amount_decimal"] = unitAmountDecimal;
        return price;
    }

    /// <summary>A price with amounts in other currencies (<c>currency_options</c>, keyed by lowercase currency).</summary>
    public static JsonObject MultiCurrencyPrice(string id, string product, long unitAmount, long created, params (string Currency, long UnitAmount)[] options)
    {
        var price = Price(id, product, unitAmount, created);
        var currencyOptions = new JsonObject();
        foreach (var (currency, amount) in options)
        {
            currencyOptions[currency] = new JsonObject
            {
                ["tax_behavior"] = "exclusive",
                ["unit_amount"] = amount,
                ["unit_amount_decimal"] = amount.ToString(CultureInfo.InvariantCulture),
            };
        }

        price["currency_options"] = currencyOptions;
        return price;
    }

    /// <summary>A test clock (test mode only) frozen at <paramref name="frozenTime"/>, served under /v1/test_helpers/test_clocks.</summary>
    public static JsonObject TestClock(string id, string name, long frozenTime, long created) => new()
    {
        ["id"] = id,
        ["object"] = "test_clock",
        ["created"] = created,
        ["deletes_after"] = created + 30 * 86_400,
        ["frozen_time"] = frozenTime,
        ["livemode"] = false,
        ["name"] = name,
        ["status"] = "ready",
        ["status_details"] = new JsonObject(),
    };

    public static JsonObject Coupon(string id, decimal? percentOff, long? amountOff, string duration, long created) => new()
    {
        ["id"] = id,
        ["object"] = "coupon",
        ["amount_off"] = amountOff,
        ["created"] = created,
        ["currency"] = amountOff is null ? null : "usd",
        ["duration"] = duration,
        ["livemode"] = false,
        ["name"] = id,
        ["percent_off"] = percentOff,
        ["valid"] = true,
    };

    public static JsonObject Discount(string id, string coupon, string customer, string subscription, long start) => new()
    {
        ["id"] = id,
        ["object"] = "discount",
        ["customer"] = customer,
        ["end"] = null,
        ["start"] = start,
        ["subscription"] = subscription,
        ["source"] = new JsonObject { ["coupon"] = coupon, ["type"] = "coupon" },
    };

    public static JsonObject Item(string id, string subscription, JsonObject price, int quantity, long periodStart, long periodEnd, long created) => new()
    {
        ["id"] = id,
        ["object"] = "subscription_item",
        ["created"] = created,
        ["current_period_start"] = periodStart,
        ["current_period_end"] = periodEnd,
        ["discounts"] = new JsonArray(),
        ["metadata"] = new JsonObject(),
        ["price"] = price.DeepClone(),
        ["quantity"] = quantity,
        ["subscription"] = subscription,
        ["tax_rates"] = new JsonArray(),
    };

    public static JsonObject Subscription(string id, string customer, string status, long created, JsonObject[] items,
        long? trialStart = null, long? trialEnd = null, bool cancelAtPeriodEnd = false, long? canceledAt = null,
        long? endedAt = null, string[]? discounts = null, string? feedback = null, string? reason = null, string? comment = null,
        string currency = "usd") => new()
    {
        ["id"] = id,
        ["object"] = "subscription",
        ["billing_cycle_anchor"] = created,
        ["cancel_at"] = cancelAtPeriodEnd ? items[0]["current_period_end"]!.DeepClone() : null,
        ["cancel_at_period_end"] = cancelAtPeriodEnd,
        ["canceled_at"] = canceledAt,
        ["cancellation_details"] = new JsonObject { ["comment"] = comment, ["feedback"] = feedback, ["reason"] = reason },
        ["collection_method"] = "charge_automatically",
        ["created"] = created,
        ["currency"] = currency,
        ["customer"] = customer,
        ["discounts"] = new JsonArray((discounts ?? []).Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
        ["ended_at"] = endedAt,
        ["items"] = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
            ["has_more"] = false,
            ["url"] = "/v1/subscription_items?subscription=" + id,
        },
        ["latest_invoice"] = null,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["start_date"] = created,
        ["status"] = status,
        ["trial_end"] = trialEnd,
        ["trial_start"] = trialStart,
    };

    /// <param name="currency">The invoice's currency (lowercase), which <see cref="Invoice"/> takes from its first line.</param>
    /// <param name="unitAmountDecimal">The unit amount the line was priced at (<c>pricing.unit_amount_decimal</c>).</param>
    /// <param name="taxes">The line's taxes: amount, <c>tax_behavior</c> (an inclusive tax is part of the line's amount) and taxable amount.</param>
    public static JsonObject Line(string id, string invoice, string subscription, string item, string price, long amount,
        int quantity, long periodStart, long periodEnd, bool proration = false, long discount = 0, string? discountId = null,
        string currency = "usd", string? unitAmountDecimal = null, (long Amount, string Behavior, long TaxableAmount)[]? taxes = null) => new()
    {
        ["id"] = id,
        ["object"] = "line_item",
        ["amount"] = amount,
        ["currency"] = currency,
        ["description"] = proration ? "Remaining time on plan" : quantity + " × plan",
        ["discount_amounts"] = discount == 0
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["amount"] = discount, ["discount"] = discountId ?? "di_unknown" }),
        ["discountable"] = true,
        ["discounts"] = new JsonArray(),
        ["invoice"] = invoice,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["period"] = new JsonObject { ["end"] = periodEnd, ["start"] = periodStart },
        ["quantity"] = quantity,
        ["parent"] = new JsonObject
        {
            ["invoice_item_details"] = null,
            ["subscription_item_details"] = new JsonObject
            {
                ["invoice_item"] = null,
                ["proration"] = proration,
                ["proration_details"] = new JsonObject { ["credited_items"] = null },
                ["subscription"] = subscription,
                ["subscription_item"] = item,
            },
            ["type"] = "subscription_item_details",
        },
        ["pricing"] = new JsonObject
        {
            ["price_details"] = new JsonObject { ["price"] = price, ["product"] = "prod" },
            ["type"] = "price_details",
            ["unit_amount_decimal"] = unitAmountDecimal,
        },
        ["subtotal"] = amount,
        ["taxes"] = new JsonArray((taxes ?? []).Select(t => (JsonNode)new JsonObject
        {
            ["amount"] = t.Amount,
            ["tax_behavior"] = t.Behavior,
            ["tax_rate_details"] = new JsonObject { ["tax_rate"] = "txr_" + t.Behavior },
            ["taxability_reason"] = "standard_rated",
            ["taxable_amount"] = t.TaxableAmount,
            ["type"] = "tax_rate_details",
        }).ToArray()),
    };

    /// <summary>
    /// A one-time invoice item's line (a setup fee) on a subscription's invoice: parent <c>invoice_item_details</c>,
    /// priced by a one-time price.
    /// </summary>
    public static JsonObject ItemLine(string id, string invoice, string subscription, string price, long amount, long periodStart,
        long discount = 0, string? discountId = null, string currency = "usd")
    {
        var line = Line(id, invoice, subscription, "none", price, amount, 1, periodStart, periodStart, discount: discount, discountId: discountId, currency: currency);
        line["description"] = "Setup fee";
        line["parent"] = new JsonObject
        {
            ["invoice_item_details"] = new JsonObject
            {
                ["invoice_item"] = "ii_" + id,
                ["proration"] = false,
                ["proration_details"] = new JsonObject { ["credited_items"] = null },
                ["subscription"] = subscription,
            },
            ["subscription_item_details"] = null,
            ["type"] = "invoice_item_details",
        };
        return line;
    }

    /// <summary>
    /// An invoice of <paramref name="lines"/>, in their currency: a discount a line's <c>discount_amounts</c> names but its
    /// <c>discounts</c> do not is the invoice's (Stripe shows an invoice-level discount on every line as that line's share),
    /// and every discount is totalled in <c>total_discount_amounts</c>; exclusive taxes are added to the total, inclusive ones are part of the amounts.
    /// </summary>
    public static JsonObject Invoice(string id, string customer, string? subscription, string status, long created,
        long periodStart, long periodEnd, params JsonObject[] lines)
    {
        var exclusiveTax = lines.SelectMany(l => l["taxes"]?.AsArray() ?? []).Where(t => (string?)t!["tax_behavior"] == "exclusive").Sum(t => (long)t!["amount"]!);
        var inclusiveTax = lines.SelectMany(l => l["taxes"]?.AsArray() ?? []).Where(t => (string?)t!["tax_behavior"] == "inclusive").Sum(t => (long)t!["amount"]!);
        var discounts = lines.SelectMany(l => l["discount_amounts"]!.AsArray())
            .GroupBy(d => (string)d!["discount"]!)
            .Select(g => (Id: g.Key, Amount: g.Sum(d => (long)d!["amount"]!)))
            .ToList();
        var subtotal = lines.Sum(l => (long)l["amount"]!);
        var total = subtotal - discounts.Sum(d => d.Amount) + exclusiveTax;
        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "invoice",
            ["amount_due"] = total,
            ["amount_paid"] = status == "paid" ? total : 0,
            ["amount_remaining"] = status == "paid" ? 0 : total,
            ["billing_reason"] = "subscription_cycle",
            ["collection_method"] = "charge_automatically",
            ["created"] = created,
            ["currency"] = (string?)lines.FirstOrDefault()?["currency"] ?? "usd",
            ["customer"] = customer,
            // Invoice-level discounts: those no line names among its own (line-level) discounts.
            ["discounts"] = new JsonArray(discounts.Select(d => d.Id)
                .Where(d => !lines.Any(l => l["discounts"]!.AsArray().Any(x => (string?)x == d)))
                .Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
            ["lines"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(lines.Select(l => (JsonNode)l).ToArray()),
                ["has_more"] = false,
                ["url"] = $"/v1/invoices/{id}/lines",
            },
            ["livemode"] = false,
            ["parent"] = subscription is null
                ? null
                : new JsonObject
                {
                    ["quote_details"] = null,
                    ["subscription_details"] = new JsonObject { ["metadata"] = null, ["subscription"] = subscription },
                    ["type"] = "subscription_details",
                },
            ["period_end"] = periodEnd,
            ["period_start"] = periodStart,
            ["status"] = status,
            ["status_transitions"] = new JsonObject
            {
                ["finalized_at"] = created,
                ["marked_uncollectible_at"] = null,
                ["paid_at"] = status == "paid" ? created : null,
                ["voided_at"] = null,
            },
            ["subtotal"] = subtotal,
            ["subtotal_excluding_tax"] = subtotal - inclusiveTax,
            ["total"] = total,
            ["total_discount_amounts"] = new JsonArray(discounts.Select(d => (JsonNode)new JsonObject { ["amount"] = d.Amount, ["discount"] = d.Id }).ToArray()),
            ["total_excluding_tax"] = total - exclusiveTax - inclusiveTax,
            ["total_taxes"] = new JsonArray(lines.SelectMany(l => l["taxes"]?.AsArray() ?? []).Select(t => t!.DeepClone()).ToArray()),
        };
    }

    public static JsonObject InvoicePayment(string id, string invoice, string paymentIntent, long amount, long created) => new()
    {
        ["id"] = id,
        ["object"] = "invoice_payment",
        ["amount_paid"] = amount,
        ["amount_requested"] = amount,
        ["created"] = created,
        ["currency"] = "usd",
        ["invoice"] = invoice,
        ["is_default"] = true,
        ["livemode"] = false,
        ["payment"] = new JsonObject { ["payment_intent"] = paymentIntent, ["type"] = "payment_intent" },
        ["status"] = "paid",
    };

    public static JsonObject PaymentIntent(string id, string charge, long amount, long created) => new()
    {
        ["id"] = id,
        ["object"] = "payment_intent",
        ["amount"] = amount,
        ["created"] = created,
        ["currency"] = "usd",
        ["latest_charge"] = charge,
        ["status"] = "succeeded",
    };

    public static JsonObject BalanceTransaction(string id, string source, long amount, long fee, long created, string currency = "usd", decimal? exchangeRate = null) => new()
    {
        ["id"] = id,
        ["object"] = "balance_transaction",
        ["amount"] = amount,
        ["available_on"] = created + 172800,
        ["created"] = created,
        ["currency"] = currency,
        ["exchange_rate"] = exchangeRate,
        ["fee"] = fee,
        ["fee_details"] = new JsonArray(),
        ["net"] = amount - fee,
        ["reporting_category"] = "charge",
        ["source"] = source,
        ["status"] = "available",
        ["type"] = "charge",
    };

    public static JsonObject Charge(string id, string? customer, long amount, long created, bool paid, string? balanceTransaction,
        string? paymentIntent, string currency = "usd") => new()
    {
        ["id"] = id,
        ["object"] = "charge",
        ["amount"] = amount,
        ["amount_captured"] = paid ? amount : 0,
        ["amount_refunded"] = 0,
        ["balance_transaction"] = balanceTransaction,
        ["captured"] = paid,
        ["created"] = created,
        ["currency"] = currency,
        ["customer"] = customer,
        ["description"] = null,
        ["disputed"] = false,
        ["failure_code"] = paid ? null : "card_declined",
        ["failure_message"] = paid ? null : "Your card was declined.",
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["outcome"] = new JsonObject { ["type"] = paid ? "authorized" : "issuer_declined" },
        ["paid"] = paid,
        ["payment_intent"] = paymentIntent,
        ["refunded"] = false,
        ["status"] = paid ? "succeeded" : "failed",
    };

    public static JsonObject Refund(string id, string charge, long amount, long created) => new()
    {
        ["id"] = id,
        ["object"] = "refund",
        ["amount"] = amount,
        ["balance_transaction"] = null,
        ["charge"] = charge,
        ["created"] = created,
        ["currency"] = "usd",
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = null,
        ["reason"] = "requested_by_customer",
        ["status"] = "succeeded",
    };

    /// <summary>
    /// A dispute of <paramref name="amount"/> on <paramref name="charge"/>, opened at <paramref name="created"/>, in
    /// <paramref name="status"/>, with the balance transactions that moved its funds: each (created, amount) is a
    /// withdrawal (negative) or a reinstatement (positive), as Stripe embeds them in full.
    /// </summary>
    public static JsonObject Dispute(string id, string charge, long amount, long created, string status,
        params (long Created, long Amount)[] funds) => new()
    {
        ["id"] = id,
        ["object"] = "dispute",
        ["amount"] = amount,
        ["balance_transactions"] = new JsonArray(funds.Select((f, i) =>
        {
            var transaction = BalanceTransaction($"txn_{id}_{i}", id, f.Amount, f.Amount < 0 ? 1500 : -1500, f.Created);
            transaction["reporting_category"] = f.Amount < 0 ? "dispute" : "dispute_reversal";
            transaction["type"] = "adjustment";
            return (JsonNode)transaction;
        }).ToArray()),
        ["charge"] = charge,
        ["created"] = created,
        ["currency"] = "usd",
        ["evidence_details"] = new JsonObject { ["due_by"] = created + 1_728_000, ["has_evidence"] = false, ["past_due"] = false, ["submission_count"] = 0 },
        ["is_charge_refundable"] = false,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = null,
        ["reason"] = "fraudulent",
        ["status"] = status,
    };

    /// <summary>
    /// A credit note on <paramref name="invoice"/> of <paramref name="total"/>: <paramref name="refunded"/> went back as the Stripe
    /// refund <paramref name="refund"/>, <paramref name="outOfBand"/> outside Stripe, the rest to the customer's balance.
    /// </summary>
    public static JsonObject CreditNote(string id, string customer, string invoice, long total, long created, string type = "post_payment",
        long outOfBand = 0, string? refund = null, long refunded = 0, string status = "issued") => new()
    {
        ["id"] = id,
        ["object"] = "credit_note",
        ["amount"] = total,
        ["created"] = created,
        ["currency"] = "usd",
        ["customer"] = customer,
        ["customer_balance_transaction"] = total - outOfBand - refunded > 0 ? "cbtxn_" + id : null,
        ["effective_at"] = created,
        ["invoice"] = invoice,
        ["lines"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(), ["has_more"] = false },
        ["memo"] = null,
        ["number"] = "CN-" + id,
        ["out_of_band_amount"] = outOfBand == 0 ? null : outOfBand,
        ["post_payment_amount"] = type == "pre_payment" ? 0 : total,
        ["pre_payment_amount"] = type == "pre_payment" ? total : 0,
        ["reason"] = "order_change",
        ["refunds"] = refund is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["amount_refunded"] = refunded, ["refund"] = refund, ["type"] = "refund" }),
        ["status"] = status,
        ["subtotal"] = total,
        ["total"] = total,
        ["type"] = type,
        ["voided_at"] = status == "void" ? created + 3600 : null,
    };

    public static JsonObject Event(string id, string type, long created, JsonObject data, JsonObject? previous = null) => new()
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = "2025-03-31.basil",
        ["created"] = created,
        ["data"] = previous is null
            ? new JsonObject { ["object"] = data.DeepClone() }
            : new JsonObject { ["object"] = data.DeepClone(), ["previous_attributes"] = previous },
        ["livemode"] = false,
        ["pending_webhooks"] = 0,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
    };

    private static JsonObject Metadata((string Key, string Value)[] pairs)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            metadata[key] = value;
        }

        return metadata;
    }
}
