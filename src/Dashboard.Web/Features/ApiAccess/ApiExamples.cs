using System.Globalization;
using System.Text.Json.Nodes;

namespace Dashboard.Web.Features.ApiAccess;

/// <summary>
/// A realistic request for every endpoint of the REST API, grouped by resource. Amounts are integer minor units
/// (4900 = $49.00). A test compares this list with the endpoints the app maps, so a new endpoint needs an example here.
/// </summary>
public static class ApiExamples
{
    public const string Base = "/api/v1";

    /// <summary>What the examples write in place of a source id while the user has no source of their own.</summary>
    public const string SourceIdPlaceholder = "SOURCE_ID";

    /// <summary>The examples for a source whose id is <paramref name="sourceId"/>.</summary>
    public static IReadOnlyList<ApiExample> For(long sourceId) => For(sourceId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The examples with <see cref="SourceIdPlaceholder"/> for the source id, to replace with the id of a source created first.</summary>
    public static IReadOnlyList<ApiExample> ForNewSource() => For(SourceIdPlaceholder);

    private static IReadOnlyList<ApiExample> For(string sourceId)
    {
        var source = "/" + sourceId;
        List<ApiExample> all =
        [
            new("Sources", "GET", "/sources", "/sources", "List the billing sources."),
            new("Sources", "POST", "/sources", "/sources", "Create a source for data you push through the API.",
                Json(new JsonObject { ["name"] = "In-house billing", ["provider"] = "api" })),

            new("Plans", "GET", "/{source_id}/plans", source + "/plans?page=0&per_page=30", "List a source's plans."),
            new("Plans", "POST", "/{source_id}/plans", source + "/plans", "Create (or update, same oid) a plan: $49.00 a month.",
                Json(new JsonObject
                {
                    ["oid"] = "plan_pro_monthly", ["name"] = "Pro monthly", ["currency"] = "USD", ["amount"] = 4900,
                    ["interval"] = "month", ["interval_count"] = 1, ["trial_duration"] = 14, ["trial_duration_unit"] = "day",
                })),
            new("Plans", "GET", "/{source_id}/plans/{oid}", source + "/plans/plan_pro_monthly", "Read one plan."),
            new("Plans", "PUT", "/{source_id}/plans/{oid}", source + "/plans/plan_pro_monthly", "Change a plan's name or price ($59.00).",
                Json(new JsonObject { ["name"] = "Pro monthly", ["currency"] = "USD", ["amount"] = 5900, ["interval"] = "month", ["interval_count"] = 1 })),
            new("Plans", "DELETE", "/{source_id}/plans/{oid}", source + "/plans/plan_pro_monthly", "Delete a plan."),

            new("Customers", "GET", "/{source_id}/customers", source + "/customers?page=0&per_page=30", "List a source's customers."),
            new("Customers", "POST", "/{source_id}/customers", source + "/customers", "Create (or update, same oid) a customer.",
                Json(new JsonObject
                {
                    ["oid"] = "cus_1001", ["name"] = "Acme Ltd", ["email"] = "billing@acme.example",
                    ["notes"] = "Annual review in March", ["created"] = "2024-01-15T09:30:00Z",
                })),
            new("Customers", "GET", "/{source_id}/customers/{oid}", source + "/customers/cus_1001", "Read one customer."),
            new("Customers", "PUT", "/{source_id}/customers/{oid}", source + "/customers/cus_1001", "Update a customer.",
                Json(new JsonObject { ["name"] = "Acme Limited", ["email"] = "finance@acme.example" })),
            new("Customers", "DELETE", "/{source_id}/customers/{oid}", source + "/customers/cus_1001", "Delete a customer."),

            new("Subscriptions", "GET", "/{source_id}/subscriptions", source + "/subscriptions?page=0&per_page=30", "List a source's subscriptions."),
            new("Subscriptions", "POST", "/{source_id}/subscriptions", source + "/subscriptions",
                "Start a subscription: 3 seats of Pro, $5.00 off per period, plus a $10.00 add-on.",
                Json(new JsonObject
                {
                    ["oid"] = "sub_2001", ["customer_oid"] = "cus_1001", ["plan_oid"] = "plan_pro_monthly",
                    ["started_at"] = "2024-01-15T09:30:00Z", ["quantity"] = 3, ["discount"] = 500,
                    ["addons"] = new JsonArray(new JsonObject { ["oid"] = "addon_support", ["amount"] = 1000, ["quantity"] = 1 }),
                })),
            new("Subscriptions", "GET", "/{source_id}/subscriptions/{oid}", source + "/subscriptions/sub_2001", "Read one subscription with its history."),
            new("Subscriptions", "PUT", "/{source_id}/subscriptions/{oid}", source + "/subscriptions/sub_2001",
                "Change a subscription from a moment on (upgrade to 5 seats); earlier history is kept.",
                Json(new JsonObject { ["plan_oid"] = "plan_pro_monthly", ["occurred_at"] = "2024-06-01T00:00:00Z", ["quantity"] = 5, ["discount"] = 0 })),
            new("Subscriptions", "PUT", "/{source_id}/subscriptions/{oid}/cancel", source + "/subscriptions/sub_2001/cancel", "Cancel a subscription.",
                Json(new JsonObject { ["canceled_at"] = "2024-12-31T23:59:59Z" })),
            new("Subscriptions", "DELETE", "/{source_id}/subscriptions/{oid}", source + "/subscriptions/sub_2001", "Delete a subscription."),

            new("Charges", "GET", "/{source_id}/charges", source + "/charges?page=0&per_page=30", "List a source's charges."),
            new("Charges", "POST", "/{source_id}/charges", source + "/charges", "Record a paid charge of $147.00 with a $4.56 processor fee.",
                Json(new JsonObject
                {
                    ["oid"] = "ch_3001", ["customer_oid"] = "cus_1001", ["subscription_oid"] = "sub_2001", ["amount"] = 14700,
                    ["currency"] = "USD", ["created"] = "2024-02-15T09:30:00Z", ["status"] = "paid", ["fee"] = 456, ["kind"] = "recurring",
                })),
            new("Charges", "GET", "/{source_id}/charges/{oid}", source + "/charges/ch_3001", "Read one charge."),
            new("Charges", "DELETE", "/{source_id}/charges/{oid}", source + "/charges/ch_3001", "Delete a charge."),

            new("Refunds", "GET", "/{source_id}/refunds", source + "/refunds?page=0&per_page=30", "List a source's refunds."),
            new("Refunds", "POST", "/{source_id}/refunds", source + "/refunds", "Refund $49.00 of a charge.",
                Json(new JsonObject { ["oid"] = "re_4001", ["charge_oid"] = "ch_3001", ["amount"] = 4900, ["currency"] = "USD", ["created"] = "2024-02-20T10:00:00Z" })),
            new("Refunds", "GET", "/{source_id}/refunds/{oid}", source + "/refunds/re_4001", "Read one refund."),
            new("Refunds", "DELETE", "/{source_id}/refunds/{oid}", source + "/refunds/re_4001", "Delete a refund."),

            new("FX rates", "GET", "/fx_rates", "/fx_rates?currency=EUR", "List stored exchange rates (optionally of one currency)."),
            new("FX rates", "POST", "/fx_rates", "/fx_rates", "Store rates: 1 EUR = 1.0843 units of the reporting currency on 2024-01-31.",
                Json(new JsonObject
                {
                    ["rates"] = new JsonArray(
                        new JsonObject { ["date"] = "2024-01-31", ["currency"] = "EUR", ["rate"] = 1.0843m },
                        new JsonObject { ["date"] = "2024-01-31", ["currency"] = "GBP", ["rate"] = 1.2712m }),
                })),

            new("Attributes", "GET", "/attributes/fields", "/attributes/fields", "List attribute fields."),
            new("Attributes", "POST", "/attributes/fields", "/attributes/fields", "Create a number attribute; its key is company_size.",
                Json(new JsonObject { ["title"] = "Company size", ["field_type"] = "number" })),
            new("Attributes", "PUT", "/attributes/fields/{id}", "/attributes/fields/1", "Rename an attribute field (its key and type stay).",
                Json(new JsonObject { ["title"] = "Company size (employees)" })),
            new("Attributes", "POST", "/attributes", "/attributes", "Set attribute values on customers (by oid, or by email).",
                Json(new JsonObject
                {
                    ["attributes"] = new JsonArray(
                        new JsonObject { ["customer_oid"] = "cus_1001", ["source_id"] = sourceId, ["key"] = "company_size", ["value"] = 120 },
                        new JsonObject { ["customer_email"] = "ops@globex.example", ["key"] = "company_size", ["value"] = 45 }),
                })),

            new("Segments", "GET", "/segments", "/segments", "List saved segments."),
            new("Segments", "POST", "/segments", "/segments", "Save a segment: customers with 100+ employees on the Pro plan.",
                Json(Segment())),
            new("Segments", "GET", "/segments/{id}", "/segments/1", "Read one segment."),
            new("Segments", "PUT", "/segments/{id}", "/segments/1", "Replace a segment's name and filters.", Json(Segment())),
            new("Segments", "DELETE", "/segments/{id}", "/segments/1", "Delete a segment."),

            new("Exports", "GET", "/exports", "/exports", "List the scheduled exports with their next run."),
            new("Exports", "POST", "/exports", "/exports", "Every Monday 08:00: MRR, new and churned MRR and churn rate of the Pro monthly customers, by email and into the folder.",
                Json(new JsonObject
                {
                    ["name"] = "Pro founders", ["kind"] = "metrics",
                    ["metrics"] = new JsonArray("mrr", "new_mrr", "churned_mrr", "customer_churn_rate"),
                    ["interval"] = "month", ["range"] = "last_12_months", ["filter"] = new JsonArray("plan:eq:Pro monthly"),
                    ["schedule"] = new JsonObject { ["frequency"] = "weekly", ["at"] = "08:00", ["weekday"] = "monday" },
                    ["deliveries"] = new JsonArray(
                        new JsonObject { ["type"] = "email", ["to"] = new JsonArray("founder@example.com") },
                        new JsonObject { ["type"] = "folder" }),
                })),
            new("Exports", "GET", "/exports/{id}", "/exports/1", "Read one export."),
            new("Exports", "PUT", "/exports/{id}", "/exports/1", "Pause an export (a PUT changes only the fields it sends).", Json(new JsonObject { ["paused"] = true })),
            new("Exports", "DELETE", "/exports/{id}", "/exports/1", "Delete an export with its run history."),
            new("Exports", "POST", "/exports/{id}/run", "/exports/1/run", "Run an export now (answered 202; the run is a background job).", Json(new JsonObject())),
            new("Exports", "GET", "/exports/{id}/runs", "/exports/1/runs", "An export's runs, newest first, with each delivery's result."),
            new("Exports", "GET", "/exports/{id}/runs/{run_id}", "/exports/1/runs/1", "Read one run."),
            new("Exports", "GET", "/exports/{id}/runs/{run_id}/file", "/exports/1/runs/1/file", "Download a run's CSV file."),

            new("Cancellation insights", "GET", "/cancellation_insights/reasons", "/cancellation_insights/reasons", "List cancellation reasons."),
            new("Cancellation insights", "POST", "/cancellation_insights/reasons", "/cancellation_insights/reasons", "Add a cancellation reason.",
                Json(new JsonObject { ["text"] = "Too expensive", ["sort_key"] = 1 })),
            new("Cancellation insights", "GET", "/cancellation_insights/reasons/{id}", "/cancellation_insights/reasons/1", "Read one cancellation reason."),
            new("Cancellation insights", "PUT", "/cancellation_insights/reasons/{id}", "/cancellation_insights/reasons/1", "Reword a reason (its sort key stays).",
                Json(new JsonObject { ["text"] = "Too expensive for us" })),
            new("Cancellation insights", "DELETE", "/cancellation_insights/reasons/{id}", "/cancellation_insights/reasons/1",
                "Delete a reason no recorded cancellation gives (any other answers 409)."),
            new("Cancellation insights", "GET", "/cancellation_insights/events", "/cancellation_insights/events", "List recorded cancellations."),
            new("Cancellation insights", "POST", "/cancellation_insights/events", "/cancellation_insights/events", "Record why a customer cancelled.",
                Json(new JsonObject
                {
                    ["customer_oid"] = "cus_1001", ["source_id"] = sourceId, ["subscription_oids"] = new JsonArray("sub_2001"),
                    ["reason_id"] = 1, ["comment"] = "Moving to a cheaper tool", ["occurred_at"] = "2024-12-31T23:59:59Z",
                })),
            new("Cancellation insights", "GET", "/cancellation_insights/events/{id}", "/cancellation_insights/events/1", "Read one recorded cancellation."),
            new("Cancellation insights", "PUT", "/cancellation_insights/events/{id}", "/cancellation_insights/events/1", "Change a cancellation's comment.",
                Json(new JsonObject { ["comment"] = "Moving to a cheaper tool next quarter" })),

            new("API keys", "GET", "/api_keys", "/api_keys", "List the API keys: name, scope, created, last used (an admin key only; never the keys)."),
            new("API keys", "DELETE", "/api_keys/{id}", "/api_keys/1", "Revoke an API key by its id (an admin key only)."),

            new("Segments", "GET", "/segments/fields", "/segments/fields", "The fields a segment can test, by category, with their methods."),
            new("Segments", "POST", "/segments/search", "/segments/search?page=0&per_page=30", "The customers a segment would hold, without saving it.",
                Json(new JsonObject
                {
                    ["query"] = new JsonArray(new JsonObject { ["category"] = "baremetrics", ["field"] = "plan", ["method"] = "equals", ["value"] = "plan_pro_monthly" }),
                })),

            new("Events", "GET", "/{source_id}/events", source + "/events?page=0&per_page=30", "What happened in a source, newest first."),
            new("Events", "GET", "/{source_id}/events/{id}", source + "/events/customer_1", "Read one event."),
            new("Events", "GET", "/{source_id}/customers/{oid}/events", source + "/customers/cus_1001/events", "What happened to one customer."),

            new("Annotations", "GET", "/annotations", "/annotations", "List chart annotations."),
            new("Annotations", "POST", "/annotations", "/annotations", "Note a launch on the MRR chart.",
                Json(new JsonObject { ["metric"] = "mrr", ["annotation"] = "Launched annual plans", ["date"] = "2024-03-01", ["global"] = false })),
            new("Annotations", "GET", "/annotations/{id}", "/annotations/1", "Read one annotation."),
            new("Annotations", "DELETE", "/annotations/{id}", "/annotations/1", "Delete an annotation."),

            new("Goals", "GET", "/goals", "/goals", "List goals."),
            new("Goals", "POST", "/goals", "/goals", "Set a goal: MRR from $10,000 to $20,000 over the first half of 2024.",
                Json(new JsonObject
                {
                    ["name"] = "Double MRR", ["metric"] = "mrr", ["start_amount"] = 1_000_000, ["end_amount"] = 2_000_000,
                    ["start_date"] = "2024-01-01", ["end_date"] = "2024-06-30",
                })),
            new("Goals", "GET", "/goals/{id}", "/goals/1", "Read one goal."),
            new("Goals", "DELETE", "/goals/{id}", "/goals/1", "Delete a goal."),

            new("Account", "GET", "/account", "/account", "The account: its reporting currency."),
            new("Account", "GET", "/users", "/users", "The dashboard's accounts (read-write key)."),
            new("Account", "GET", "/users/{id}", "/users/owner@example.com", "One account, by id or email (read-write key)."),

            new("Metrics", "GET", "/metrics", "/metrics?start_date=2024-06-01&end_date=2024-06-30", "Every metric for each day of a range."),
            new("Metrics", "GET", "/metrics/{metric}", "/metrics/mrr?start_date=2024-01-01&end_date=2024-06-30&interval=month&compare_to=30",
                "One metric per bucket (here MRR by month, with the value 30 days earlier)."),
            new("Metrics", "GET", "/metrics/{metric}/customers", "/metrics/mrr/customers?start_date=2024-06-01&end_date=2024-06-30",
                "The customers and movements behind a metric's number."),
            new("Metrics", "GET", "/metrics/{metric}/plans", "/metrics/mrr/plans?start_date=2024-06-01&end_date=2024-06-30",
                "A metric for each plan over a range."),
            new("Metrics", "GET", "/metrics/cohorts", "/metrics/cohorts?start_date=2024-01-01&end_date=2024-06-30", "The cohort retention triangle."),
            new("Metrics", "GET", "/metrics/forecast", "/metrics/forecast?months=6",
                "MRR and active customers for the next 12 months, with a low-high range, from the last 6 complete months."),
            new("Metrics", "GET", "/metrics/trial_funnel", "/metrics/trial_funnel?start_date=2024-01-01&end_date=2024-06-30",
                "Trials started in a range and whether each converted, was lost or is still trialing, with the time to convert."),

            new("Audit log", "GET", "/audit_log", "/audit_log?action=signin.failed&page=0&per_page=50",
                "Who did what, newest first (here the failed sign-ins); needs an admin key."),
        ];
        return all.Select(e => e with { Route = Base + e.Route, Path = Base + e.Path }).ToList();
    }

    private static JsonObject Segment() => new()
    {
        ["name"] = "Large Pro customers",
        ["filters"] = new JsonArray(
            new JsonObject { ["field"] = "company_size", ["op"] = "gte", ["value"] = 100 },
            new JsonObject { ["field"] = "plan", ["op"] = "eq", ["value"] = "plan_pro_monthly" }),
    };

    private static JsonNode Json(JsonObject body) => body;
}
