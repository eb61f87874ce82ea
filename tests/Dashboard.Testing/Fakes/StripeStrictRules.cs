using Microsoft.AspNetCore.Http;

namespace Dashboard.Testing.Fakes;

/// <summary>
/// What the pinned API version (2026-10-28.endive, Stripe.net 53.1.0) accepts on the endpoints the fake serves: the
/// query parameters of each list, and the fields each object type lets <c>expand[]</c> follow. Anything else is
/// answered as Stripe answers it: 400, <c>invalid_request_error</c>, naming the parameter.
/// </summary>
public static class StripeStrictRules
{
    private static readonly string[] Paging = ["limit", "starting_after", "ending_before"];

    /// <summary>List filters per list path (paging and expand[] are allowed everywhere).</summary>
    private static readonly Dictionary<string, string[]> ListFilters = new(StringComparer.Ordinal)
    {
        ["customers"] = ["email", "created", "test_clock"],
        ["products"] = ["active", "created", "ids", "shippable", "url"],
        ["prices"] = ["active", "currency", "product", "type", "created", "lookup_keys", "recurring"],
        ["subscriptions"] = ["status", "customer", "price", "plan", "test_clock", "created", "collection_method", "current_period_start", "current_period_end", "automatic_tax"],
        ["subscription_items"] = ["subscription"],
        ["invoices"] = ["subscription", "customer", "status", "created", "collection_method", "due_date"],
        ["charges"] = ["customer", "created", "payment_intent", "transfer_group"],
        ["refunds"] = ["charge", "payment_intent", "created"],
        ["credit_notes"] = ["invoice", "customer", "created"],
        ["disputes"] = ["charge", "payment_intent", "created"],
        ["events"] = ["type", "types", "created", "delivery_success"],
        ["lines"] = [],
        ["payment_intents"] = ["customer", "created"],
        ["test_clocks"] = [],
    };

    /// <summary>Per object type, the fields a path may go through: the type they hold, and whether they are expandable references.</summary>
    private static readonly Dictionary<string, Dictionary<string, (string Type, bool Expandable)>> Fields = new(StringComparer.Ordinal)
    {
        ["customer"] = new() { ["test_clock"] = ("test_clock", true), ["default_source"] = ("source", true) },
        ["product"] = new() { ["default_price"] = ("price", true) },
        // Includable fields: left out of a price unless expand[] names them (FakeStripeServer.Includables).
        ["price"] = new() { ["product"] = ("product", true), ["currency_options"] = ("includable", true), ["tiers"] = ("includable", true) },
        ["subscription"] = new()
        {
            ["customer"] = ("customer", true), ["latest_invoice"] = ("invoice", true), ["discounts"] = ("discount", true),
            ["test_clock"] = ("test_clock", true), ["default_payment_method"] = ("payment_method", true),
            ["schedule"] = ("subscription_schedule", true), ["items"] = ("list:subscription_item", false),
            ["pending_setup_intent"] = ("setup_intent", true),
        },
        ["subscription_item"] = new() { ["price"] = ("price", false), ["discounts"] = ("discount", true) },
        ["discount"] = new() { ["source"] = ("discount_source", false), ["customer"] = ("customer", true), ["promotion_code"] = ("promotion_code", true) },
        ["discount_source"] = new() { ["coupon"] = ("coupon", true) },
        ["invoice"] = new()
        {
            ["customer"] = ("customer", true), ["payments"] = ("list:invoice_payment", true), ["discounts"] = ("discount", true),
            ["test_clock"] = ("test_clock", true), ["lines"] = ("list:line_item", false), ["latest_revision"] = ("invoice", true),
            ["default_payment_method"] = ("payment_method", true),
        },
        ["line_item"] = new() { ["discounts"] = ("discount", true) },
        ["invoice_payment"] = new() { ["invoice"] = ("invoice", true), ["payment"] = ("invoice_payment_payment", false) },
        ["invoice_payment_payment"] = new() { ["payment_intent"] = ("payment_intent", true), ["charge"] = ("charge", true) },
        ["payment_intent"] = new() { ["latest_charge"] = ("charge", true), ["customer"] = ("customer", true) },
        ["charge"] = new()
        {
            ["balance_transaction"] = ("balance_transaction", true), ["customer"] = ("customer", true),
            ["payment_intent"] = ("payment_intent", true), ["refunds"] = ("list:refund", false),
        },
        ["refund"] = new() { ["charge"] = ("charge", true), ["balance_transaction"] = ("balance_transaction", true), ["payment_intent"] = ("payment_intent", true) },
        ["credit_note"] = new() { ["invoice"] = ("invoice", true), ["customer"] = ("customer", true), ["refunds"] = ("credit_note_refund", false) },
        ["credit_note_refund"] = new() { ["refund"] = ("refund", true) },
        ["dispute"] = new() { ["charge"] = ("charge", true), ["payment_intent"] = ("payment_intent", true) },
    };

    /// <summary>The object type each top-level path serves.</summary>
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["customers"] = "customer", ["products"] = "product", ["prices"] = "price", ["subscriptions"] = "subscription",
        ["subscription_items"] = "subscription_item", ["invoices"] = "invoice", ["charges"] = "charge", ["refunds"] = "refund",
        ["credit_notes"] = "credit_note", ["events"] = "event", ["payment_intents"] = "payment_intent", ["lines"] = "line_item",
        ["balance_transactions"] = "balance_transaction", ["coupons"] = "coupon", ["disputes"] = "dispute",
        ["test_clocks"] = "test_clock",
    };

    /// <summary>The first refusal for a request, or null when the pinned version accepts it.</summary>
    public static (string Param, string Message)? Check(string[] parts, IQueryCollection query)
    {
        var isList = parts.Length == 2 || (parts.Length == 4 && parts[3] == "lines");
        var resource = parts.Length == 4 && parts[3] == "lines" ? "lines" : parts[1];
        foreach (var (key, _) in query)
        {
            if (IsExpand(key))
            {
                continue;
            }

            var name = key.Split('[')[0];
            var allowed = isList && (Paging.Contains(name) || (ListFilters.TryGetValue(resource, out var filters) && filters.Contains(name)));
            if (!allowed)
            {
                return (key, $"Received unknown parameter: {key}");
            }
        }

        if (resource == "events" && isList && EventTypeFilterError(query) is { } typeError)
        {
            return typeError;
        }

        if (!Types.TryGetValue(resource, out var type))
        {
            return null;
        }

        foreach (var path in FakeStripeServer.ExpandPaths(query))
        {
            if (ExpandError(type, isList, path) is { } error)
            {
                return ("expand", error);
            }
        }

        return null;
    }

    /// <summary>
    /// The events list filters by <c>type</c> (one name, <c>*</c> a wildcard) or <c>types</c> (up to 20 exact names),
    /// never both: "You may pass either type or types, but not both" (Stripe's API reference).
    /// </summary>
    private static (string Param, string Message)? EventTypeFilterError(IQueryCollection query)
    {
        var types = FakeStripeServer.EventTypes(query);
        if (types.Count == 0)
        {
            return null;
        }

        if (query.ContainsKey("type"))
        {
            return ("types", "You may pass either type or types, but not both.");
        }

        return types.Count > 20 ? ("types", "You may pass at most 20 event types in types.") : null;
    }

    private static bool IsExpand(string key) => key == "expand[]" || (key.StartsWith("expand[", StringComparison.Ordinal) && key.EndsWith(']'));

    private static string? ExpandError(string type, bool isList, string path)
    {
        var segments = path.Split('.');
        if (segments.Length > (isList ? 5 : 4))
        {
            return $"You cannot expand more than 4 levels of a property. Property: {path}";
        }

        var index = 0;
        if (isList)
        {
            if (segments[0] != "data")
            {
                return $"This property cannot be expanded ({segments[0]}). You may want to try expanding 'data.{segments[0]}' instead.";
            }

            index = 1;
        }

        var current = type;
        var lastExpandable = false;
        for (; index < segments.Length; index++)
        {
            var segment = segments[index];
            if (current.StartsWith("list:", StringComparison.Ordinal))
            {
                if (segment != "data")
                {
                    return $"This property cannot be expanded ({segment}).";
                }

                current = current[5..];
                continue;
            }

            if (!Fields.TryGetValue(current, out var fields) || !fields.TryGetValue(segment, out var field))
            {
                return $"This property cannot be expanded ({segment}).";
            }

            current = field.Type;
            lastExpandable = field.Expandable;
        }

        return lastExpandable ? null : $"This property cannot be expanded ({segments[^1]}).";
    }
}
