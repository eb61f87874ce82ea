using Microsoft.AspNetCore.Http;

namespace Dashboard.Testing.Fakes;

/// <summary>
/// What the pinned API version (2026-10-28.endive, Stripe.net 53.1.0) accepts on the endpoints the fake serves: the
/// query parameters of each list, and the fields each object type lets <c>expand[]</c> follow. Anything else is
/// answered as Stripe answers it: 400, <c>invalid_request_error</c>, naming the parameter.
/// </summary>
public static class StripeStrictRules
{
    /// <summary>Stripe's bounds of a list's <c>limit</c> ("Limit can range between 1 and 100").</summary>
    public const int MaxLimit = 100;

    private static readonly string[] RangeOperators = ["gt", "gte", "lt", "lte"];

    private static readonly string[] SubscriptionStatuses =
        ["active", "all", "canceled", "ended", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"];

    private static readonly string[] InvoiceStatuses = ["draft", "open", "paid", "uncollectible", "void"];

    private static readonly string[] CollectionMethods = ["charge_automatically", "send_invoice"];

    /// <summary>
    /// List filters per list path (paging and expand[] are allowed everywhere), with the values each takes. A filter
    /// the pinned version has but the fake does not apply is <see cref="ListFilter.Unserved"/>: refused (400), never
    /// silently ignored, so a test cannot pass on a filter the fake would not have honoured.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, ListFilter>> ListFilters = new(StringComparer.Ordinal)
    {
        ["customers"] = new() { ["email"] = ListFilter.Text, ["created"] = ListFilter.Range, ["test_clock"] = ListFilter.Text },
        ["products"] = new()
        {
            ["active"] = ListFilter.Unserved, ["created"] = ListFilter.Range, ["ids"] = ListFilter.Unserved,
            ["shippable"] = ListFilter.Unserved, ["url"] = ListFilter.Unserved,
        },
        ["prices"] = new()
        {
            ["active"] = ListFilter.Boolean, ["currency"] = ListFilter.Text, ["product"] = ListFilter.Text,
            ["type"] = ListFilter.OneOf("one_time", "recurring"), ["created"] = ListFilter.Range,
            ["lookup_keys"] = ListFilter.Unserved, ["recurring"] = ListFilter.Unserved,
        },
        ["subscriptions"] = new()
        {
            ["status"] = ListFilter.OneOf(SubscriptionStatuses), ["customer"] = ListFilter.Text, ["price"] = ListFilter.Text,
            ["plan"] = ListFilter.Text, ["test_clock"] = ListFilter.Text, ["created"] = ListFilter.Range,
            ["collection_method"] = ListFilter.OneOf(CollectionMethods), ["current_period_start"] = ListFilter.Unserved,
            ["current_period_end"] = ListFilter.Unserved, ["automatic_tax"] = ListFilter.Unserved,
        },
        ["subscription_items"] = new() { ["subscription"] = ListFilter.Required },
        ["invoices"] = new()
        {
            ["subscription"] = ListFilter.Text, ["customer"] = ListFilter.Text, ["status"] = ListFilter.OneOf(InvoiceStatuses),
            ["created"] = ListFilter.Range, ["collection_method"] = ListFilter.OneOf(CollectionMethods), ["due_date"] = ListFilter.Unserved,
        },
        ["charges"] = new()
        {
            ["customer"] = ListFilter.Text, ["created"] = ListFilter.Range, ["payment_intent"] = ListFilter.Text,
            ["transfer_group"] = ListFilter.Unserved,
        },
        ["refunds"] = new() { ["charge"] = ListFilter.Text, ["payment_intent"] = ListFilter.Text, ["created"] = ListFilter.Range },
        ["credit_notes"] = new() { ["invoice"] = ListFilter.Text, ["customer"] = ListFilter.Text, ["created"] = ListFilter.Range },
        ["disputes"] = new() { ["charge"] = ListFilter.Text, ["payment_intent"] = ListFilter.Text, ["created"] = ListFilter.Range },
        ["events"] = new()
        {
            ["type"] = ListFilter.Text, ["types"] = ListFilter.Array, ["created"] = ListFilter.Range, ["delivery_success"] = ListFilter.Unserved,
        },
        ["lines"] = new(),
        ["payment_intents"] = new() { ["customer"] = ListFilter.Text, ["created"] = ListFilter.Range },
        ["test_clocks"] = new(),
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
        var filters = ListFilters.GetValueOrDefault(resource);
        foreach (var (key, values) in query)
        {
            if (IsExpand(key))
            {
                continue;
            }

            var value = values.ToString();
            var name = key.Split('[')[0];
            if (isList && name is "starting_after" or "ending_before" && key == name)
            {
                continue;
            }

            if (isList && key == "limit")
            {
                if (LimitError(value) is { } limitError)
                {
                    return (key, limitError);
                }

                continue;
            }

            if (!isList || filters is null || !filters.TryGetValue(name, out var filter))
            {
                return (key, $"Received unknown parameter: {key}");
            }

            if (FilterError(resource, name, key, value, filter) is { } error)
            {
                return (key, error);
            }
        }

        if (isList && query.ContainsKey("starting_after") && query.ContainsKey("ending_before"))
        {
            return ("ending_before", "You may only specify one of these parameters: ending_before, starting_after.");
        }

        foreach (var (name, filter) in filters ?? [])
        {
            if (isList && filter.Kind == FilterKind.Required && !query.ContainsKey(name))
            {
                return (name, $"Missing required param: {name}.");
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

    /// <summary>"limit" takes an integer from 1 to 100, as Stripe says, or the request is refused.</summary>
    private static string? LimitError(string value)
    {
        if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var limit))
        {
            return $"Invalid integer: {value}";
        }

        return limit switch
        {
            < 1 => "This value must be greater than or equal to 1.",
            > MaxLimit => $"This value must be less than or equal to {MaxLimit}.",
            _ => null,
        };
    }

    private static string? FilterError(string resource, string name, string key, string value, ListFilter filter)
    {
        var bracket = key.Length > name.Length ? key[(name.Length + 1)..^1] : null;
        switch (filter.Kind)
        {
            case FilterKind.Range:
                if (bracket is not null && !RangeOperators.Contains(bracket))
                {
                    return $"Received unknown parameter: {key}";
                }

                return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                    ? null
                    : $"Invalid integer: {value}";
            case FilterKind.Array:
                return bracket is null || bracket.Length == 0 || bracket.All(char.IsAsciiDigit) ? null : $"Received unknown parameter: {key}";
        }

        if (bracket is not null || key != name)
        {
            return $"Received unknown parameter: {key}";
        }

        return filter.Kind switch
        {
            FilterKind.Unserved =>
                $"The fake does not apply the {name} filter of /v1/{resource} (Stripe does): serve it in FakeStripeServer before the connector uses it.",
            FilterKind.Boolean when value is not ("true" or "false") => $"Invalid boolean: {value}",
            FilterKind.Enum when !filter.Values!.Contains(value) => $"Invalid {name}: must be one of {Choices(filter.Values!)}",
            FilterKind.Text or FilterKind.Required when value.Length == 0 => $"You passed an empty string for '{name}'. We assume empty values are an attempt to unset a parameter; however '{name}' cannot be unset. You should remove '{name}' from your request or supply a non-empty value.",
            _ => null,
        };
    }

    /// <summary>"a, b, or c", as Stripe lists the values an enum parameter takes.</summary>
    private static string Choices(string[] values) =>
        values.Length == 1 ? values[0] : string.Join(", ", values[..^1]) + ", or " + values[^1];

    private static bool IsExpand(string key) => key == "expand[]" || (key.StartsWith("expand[", StringComparison.Ordinal) && key.EndsWith(']'));

    private static string? ExpandError(string type, bool isList, string path)
    {
        var segments = path.Split('.');
        // "Expansions have a maximum depth of four levels": a list's "data" is one of them.
        if (segments.Length > 4)
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

    private enum FilterKind
    {
        /// <summary>One value, matched as is.</summary>
        Text,

        /// <summary>A value the list cannot be read without.</summary>
        Required,

        /// <summary>"true" or "false".</summary>
        Boolean,

        /// <summary>One of a fixed set of values.</summary>
        Enum,

        /// <summary>An integer, or a hash of gt, gte, lt and lte integers (<c>created[gte]=...</c>).</summary>
        Range,

        /// <summary>A list of values (<c>types[]=...</c> or <c>types[0]=...</c>).</summary>
        Array,

        /// <summary>A filter Stripe has but the fake does not apply: refused rather than ignored.</summary>
        Unserved,
    }

    private sealed record ListFilter(FilterKind Kind, string[]? Values = null)
    {
        public static readonly ListFilter Text = new(FilterKind.Text);
        public static readonly ListFilter Required = new(FilterKind.Required);
        public static readonly ListFilter Boolean = new(FilterKind.Boolean);
        public static readonly ListFilter Range = new(FilterKind.Range);
        public static readonly ListFilter Array = new(FilterKind.Array);
        public static readonly ListFilter Unserved = new(FilterKind.Unserved);

        public static ListFilter OneOf(params string[] values) => new(FilterKind.Enum, values);
    }
}
