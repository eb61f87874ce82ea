using System.Text.Json;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sources.Stripe.Mapping;
using StripeInvoice = global::Stripe.Invoice;
using StripeSubscription = global::Stripe.Subscription;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe.History;

/// <summary>
/// Stripe objects for the history rules, written as Stripe's JSON (snake_case, instants in Unix seconds) and read the
/// way the connector reads API answers, so each test states what Stripe returns, not how our types look.
/// </summary>
internal static class StripeHistoryJson
{
    public const string Sub = "sub_1";

    public static long At(string day) => DateTimeOffset.Parse(day.Length == 10 ? day + "T00:00:00Z" : day, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    public static DateTimeOffset Instant(string day) => DateTimeOffset.FromUnixTimeSeconds(At(day));

    public static T Read<T>(object json)
        where T : global::Stripe.IStripeEntity => global::Stripe.StripeEntity.FromJson<T>(JsonSerializer.Serialize(json));

    public static PlanRecord Plan(string id, long amount, BillingInterval interval = BillingInterval.Month, bool metered = false) =>
        new(id, id, "USD", amount, interval, 1, null, metered);

    public static Func<string, PlanRecord?> Plans(params PlanRecord[] plans) => id => plans.FirstOrDefault(p => p.ExternalId == id);

    public static object Item(string id, string price, long quantity, string periodStart, string periodEnd, long unitAmount = 1000,
        string interval = "month", string usage = "licensed") => new
    {
        id,
        @object = "subscription_item",
        price = new { id = price, @object = "price", currency = "usd", unit_amount = unitAmount, type = "recurring", recurring = new { interval, interval_count = 1, usage_type = usage } },
        quantity,
        current_period_start = At(periodStart),
        current_period_end = At(periodEnd),
    };

    public static StripeSubscription Subscription(string status, string start, object[] items, object? extra = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["id"] = Sub,
            ["object"] = "subscription",
            ["customer"] = "cus_1",
            ["status"] = status,
            ["created"] = At(start),
            ["start_date"] = At(start),
            ["currency"] = "usd",
            ["items"] = new { @object = "list", data = items, has_more = false },
        };
        if (extra is not null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                fields[property.Name] = property.GetValue(extra);
            }
        }

        return Read<StripeSubscription>(fields);
    }

    /// <summary>A subscription line of an invoice: amount before discounts, for one item's period.</summary>
    public static object Line(string price, long amount, string periodStart, string periodEnd, long quantity = 1, bool proration = false,
        string item = "si_1", long discount = 0) => new
    {
        id = "il_" + Guid.NewGuid().ToString("N")[..10],
        @object = "line_item",
        amount,
        currency = "usd",
        quantity,
        period = new { start = At(periodStart), end = At(periodEnd) },
        discount_amounts = discount == 0 ? Array.Empty<object>() : [new { amount = discount, discount = "di_1" }],
        parent = new
        {
            type = "subscription_item_details",
            subscription_item_details = new { subscription = Sub, subscription_item = item, proration },
        },
        pricing = new { type = "price_details", price_details = new { price, product = "prod_1" } },
    };

    public static StripeInvoice Invoice(string id, string status, string created, object[] lines, string? paidAt = null, long attempts = 1,
        string? finalizedAt = null) => Read<StripeInvoice>(new
    {
        id,
        @object = "invoice",
        status,
        created = At(created),
        currency = "usd",
        attempt_count = attempts,
        total = 1,
        parent = new { type = "subscription_details", subscription_details = new { subscription = Sub } },
        status_transitions = new { finalized_at = At(finalizedAt ?? created), paid_at = paidAt is null ? (long?)null : At(paidAt) },
        lines = new { @object = "list", data = lines, has_more = false },
    });

    public static string Describe(SubscriptionRecord record) =>
        string.Join(" | ", record.States.Select(s =>
            $"{s.EffectiveFrom:yyyy-MM-dd HH:mm} {s.PlanExternalId} x{s.Quantity} -{s.DiscountMinor} {s.Status}" +
            string.Concat(s.AddOns.Select(a => $" +{a.ExternalId}:{a.AmountMinor}x{a.Quantity}"))));
}
