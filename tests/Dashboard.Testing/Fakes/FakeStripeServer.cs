using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Testing.Fakes;

/// <summary>
/// A local stand-in for Stripe's API on 127.0.0.1 and a free port: list endpoints ordered newest first with real
/// starting_after / ending_before cursors (an unknown one answers 404), has_more, <c>limit</c> from 1 to 100,
/// expand[] of references and of arrays of references, the filters of <see cref="StripeStrictRules"/>, bearer key
/// checks, and injected faults (429 with Retry-After, 500, 409 lock_timeout, dropped connections, each optionally with
/// <c>Stripe-Should-Retry</c>). A subscription embeds at most <see cref="EmbeddedListLimit"/> items (the first page
/// at Stripe's default limit, with has_more); <c>/v1/subscription_items?subscription=</c> lists them all. Events are
/// kept for <see cref="EventRetention"/> on <see cref="Clock"/>: older ones are neither listed nor retrieved.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    public const string ApiKey = "rk_test_fake_key";

    /// <summary>A live-mode key for the same account: test clocks and their objects do not exist for it.</summary>
    public const string LiveApiKey = "rk_live_fake_key";

    /// <summary>How many elements Stripe embeds of a sub-list (a subscription's <c>items</c>) before <c>has_more</c>.</summary>
    public const int EmbeddedListLimit = 10;
    /// <summary>A restricted test key without the Test clocks permission: answered 403 on test clocks, as any other key elsewhere.</summary>
    public const string NoTestClocksApiKey = "rk_test_no_clocks_key";

    private readonly WebApplication app;
    private readonly object gate = new();
    private readonly Dictionary<string, List<JsonObject>> lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> byId = new(StringComparer.Ordinal);
    private readonly List<(FakeStripeFault Fault, int Seen, int Left)> faults = [];
    private readonly ConcurrentDictionary<string, int> requestCounts = new(StringComparer.Ordinal);

    private FakeStripeServer(WebApplication app)
    {
        this.app = app;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The account's own API version, in which events render <c>data.object</c>.</summary>
    public const string AccountApiVersion = "2024-06-20";

    /// <summary>
    /// The version events and webhooks render their object in: the account's (older) one unless a webhook endpoint's
    /// version is set to the pinned one, as on a real account.
    /// </summary>
    public string EventApiVersion { get; set; } = AccountApiVersion;

    /// <summary>How long Stripe keeps events: older ones are neither listed nor retrieved.</summary>
    public static readonly TimeSpan EventRetention = TimeSpan.FromDays(30);

    /// <summary>
    /// The account's clock for <see cref="EventRetention"/>: a test on a stopped clock sets it, so an event from before
    /// its 30 days is gone as on a real account.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every request refused as invalid for the pinned version (400), as "path: param".</summary>
    public ConcurrentBag<string> Refusals { get; } = [];

    /// <summary>Every Stripe-Version header received.</summary>
    public ConcurrentBag<string> Versions { get; } = [];

    public int RequestCount(string path) => requestCounts.GetValueOrDefault(path.TrimStart('/'));

    public int TotalRequests => requestCounts.Values.Sum();

    public static async Task<FakeStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeStripeServer(app);
        app.Map("/v1/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address + "/");
        return server;
    }

    /// <summary>Adds or replaces objects; <paramref name="list"/> is the list path they are served under ("customers").</summary>
    public void Put(string list, params JsonObject[] objects)
    {
        lock (gate)
        {
            var items = lists.TryGetValue(list, out var existing) ? existing : lists[list] = [];
            foreach (var item in objects)
            {
                var id = (string)item["id"]!;
                var index = items.FindIndex(o => (string)o["id"]! == id);
                if (index >= 0)
                {
                    items[index] = item;
                }
                else
                {
                    items.Add(item);
                }

                byId[id] = item;
            }
        }
    }

    /// <summary>Removes an object for good, as Stripe does with a deleted draft invoice: lists skip it, retrieving it answers 404.</summary>
    public void Remove(string list, string id)
    {
        lock (gate)
        {
            lists.GetValueOrDefault(list)?.RemoveAll(o => (string)o["id"]! == id);
            byId.Remove(id);
        }
    }

    /// <summary>
    /// Deletes a customer as Stripe does: it leaves the customers list, retrieving it answers a stub with
    /// <c>deleted: true</c>, and its subscriptions, charges and invoices stay (the caller cancels the subscriptions).
    /// </summary>
    public void DeleteCustomer(string id)
    {
        lock (gate)
        {
            lists.GetValueOrDefault("customers")?.RemoveAll(o => (string)o["id"]! == id);
            byId[id] = new JsonObject { ["id"] = id, ["object"] = "customer", ["deleted"] = true };
        }
    }

    public JsonObject Get(string id)
    {
        lock (gate)
        {
            return byId[id];
        }
    }

    public void Inject(FakeStripeFault fault)
    {
        lock (gate)
        {
            faults.Add((fault, 0, fault.Times));
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = "v1/" + (string)context.Request.RouteValues["path"]!;
        requestCounts.AddOrUpdate(path, 1, (_, n) => n + 1);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization == "Bearer " + NoTestClocksApiKey && path.StartsWith("v1/test_helpers/test_clocks", StringComparison.Ordinal))
        {
            // A restricted key without the test clocks permission, as Stripe answers it.
            await WriteErrorAsync(context, 403, "invalid_request_error",
                $"The provided key '{NoTestClocksApiKey[..12]}***' does not have the required permissions for this endpoint. Having the test clocks read permission would allow this request to continue.");
            return;
        }

        if (authorization != "Bearer " + ApiKey && authorization != "Bearer " + LiveApiKey && authorization != "Bearer " + NoTestClocksApiKey)
        {
            await WriteErrorAsync(context, 401, "invalid_request_error", "Invalid API Key provided.");
            return;
        }

        var live = authorization == "Bearer " + LiveApiKey;

        Versions.Add(context.Request.Headers["Stripe-Version"].ToString());
        if (TakeFault(path) is { } fault)
        {
            if (fault.ShouldRetry is { } shouldRetry)
            {
                context.Response.Headers["Stripe-Should-Retry"] = shouldRetry ? "true" : "false";
            }

            switch (fault.Kind)
            {
                case FakeStripeFaultKind.TooManyRequests:
                    context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    await WriteErrorAsync(context, 429, "rate_limit_error", "Too many requests hit the API too quickly.");
                    return;
                case FakeStripeFaultKind.ServerError:
                    await WriteErrorAsync(context, 500, "api_error", "Something went wrong on Stripe's end.");
                    return;
                case FakeStripeFaultKind.LockTimeout:
                    await WriteErrorAsync(context, 409, "invalid_request_error",
                        "This object cannot be accessed right now because another API request or Stripe process is currently accessing it.",
                        code: "lock_timeout");
                    return;
                default:
                    context.Abort();
                    return;
            }
        }

        // Test clocks are served under /v1/test_helpers/test_clocks, in test mode only.
        var parts = path.Split('/');
        if (parts.Length > 2 && parts[1] == "test_helpers")
        {
            if (live)
            {
                Refusals.Add($"{path}: live mode");
                await WriteErrorAsync(context, 400, "invalid_request_error", "Test helpers are only available in test mode.");
                return;
            }

            parts = ["v1", .. parts[2..]];
        }
        else if (parts[1] == "test_clocks")
        {
            await WriteErrorAsync(context, 404, "invalid_request_error", $"Unrecognized request URL (GET: /{path}).");
            return;
        }

        if (StripeStrictRules.Check(parts, context.Request.Query) is { } refusal)
        {
            Refusals.Add($"{path}: {refusal.Param}");
            await WriteErrorAsync(context, 400, "invalid_request_error", refusal.Message, refusal.Param);
            return;
        }

        if (live && context.Request.Query.TryGetValue("test_clock", out var liveClock))
        {
            // A test-mode id used with a live key: Stripe answers as for any object of the other mode.
            Refusals.Add($"{path}: test_clock");
            await WriteErrorAsync(context, 404, "invalid_request_error",
                $"No such test clock: '{liveClock}'; a similar object exists in test mode, but a live mode key was used to make this request.",
                "test_clock", "resource_missing");
            return;
        }

        JsonNode? answer;
        try
        {
            lock (gate)
            {
                answer = Answer(parts, context.Request.Query);
            }
        }
        catch (MissingCursorException missing)
        {
            await WriteErrorAsync(context, 404, "invalid_request_error", $"No such {missing.Type}: '{missing.Id}'", missing.Param, "resource_missing");
            return;
        }

        if (answer is null)
        {
            if (parts.Length == 3)
            {
                await WriteErrorAsync(context, 404, "invalid_request_error", $"No such {ObjectWord(parts[1])}: '{parts[2]}'", "id", "resource_missing");
                return;
            }

            await WriteErrorAsync(context, 404, "invalid_request_error", $"Unrecognized request URL (GET: /{path}).");
            return;
        }

        WithoutUnaskedIncludables(answer, [], ExpandPaths(context.Request.Query).ToHashSet(StringComparer.Ordinal));
        WithEmbeddedListsCut(answer);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private FakeStripeFault? TakeFault(string path)
    {
        lock (gate)
        {
            for (var i = 0; i < faults.Count; i++)
            {
                var (fault, seen, left) = faults[i];
                if (!path.StartsWith(fault.PathPrefix.TrimStart('/'), StringComparison.Ordinal))
                {
                    continue;
                }

                if (seen < fault.Skip)
                {
                    faults[i] = (fault, seen + 1, left);
                    return null;
                }

                if (left <= 1)
                {
                    faults.RemoveAt(i);
                }
                else
                {
                    faults[i] = (fault, seen, left - 1);
                }

                return fault;
            }

            return null;
        }
    }

    private JsonNode? Answer(string[] parts, IQueryCollection query)
    {
        var expand = ExpandPaths(query).Select(e => e.Split('.')).ToList();
        if (parts is [_, "subscription_items"] && !byId.ContainsKey(query["subscription"].ToString()))
        {
            throw new MissingCursorException("subscription", query["subscription"].ToString(), "subscription");
        }

        if (parts.Length == 2)
        {
            var list = List(parts[1], Filter(parts[1], query), query, expand);
            if (parts[1] == "events")
            {
                foreach (var item in list["data"]!.AsArray())
                {
                    StripeEventRendering.Render(item!.AsObject(), EventApiVersion);
                }
            }

            return list;
        }

        if (parts.Length == 4 && parts[1] == "invoices" && parts[3] == "lines" && byId.TryGetValue(parts[2], out var invoice))
        {
            var lines = invoice["lines"]!["data"]!.AsArray().Select(l => l!.AsObject()).ToList();
            return Page(lines, query, $"/v1/invoices/{parts[2]}/lines", "line item");
        }

        if (parts.Length == 3 && byId.TryGetValue(parts[2], out var single)
            && (parts[1] != "events" || (long)single["created"]! >= EventsKeptSince()))
        {
            var copy = single.DeepClone().AsObject();
            copy.Remove("payments");
            foreach (var path2 in expand)
            {
                Expand(copy, path2, 0);
            }

            return copy;
        }

        return null;
    }

    /// <summary>
    /// Fields Stripe leaves out of an object unless <c>expand[]</c> names them at their path: a price's <c>tiers</c> and
    /// <c>currency_options</c>, wherever the price appears (a list's <c>data</c>, a subscription item's <c>price</c>).
    /// </summary>
    private static readonly Dictionary<string, string[]> Includables = new(StringComparer.Ordinal)
    {
        ["price"] = ["tiers", "currency_options"],
    };

    /// <summary>Removes every includable field the request did not expand (the path leaves out array positions).</summary>
    private static void WithoutUnaskedIncludables(JsonNode? node, List<string> path, HashSet<string> expanded)
    {
        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                WithoutUnaskedIncludables(element, path, expanded);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        var type = obj["object"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
        if (type is not null && Includables.TryGetValue(type, out var fields))
        {
            foreach (var field in fields)
            {
                if (!expanded.Contains(string.Join('.', path.Append(field))))
                {
                    obj.Remove(field);
                }
            }
        }

        // Events carry their object as Stripe rendered it, not as a response with expansions.
        if (type == "event")
        {
            return;
        }

        foreach (var (key, child) in obj.ToList())
        {
            path.Add(key);
            WithoutUnaskedIncludables(child, path, expanded);
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>The expand[] values, whether sent as <c>expand[]=</c> or indexed (<c>expand[0]=</c>, as Stripe.net does).</summary>
    internal static List<string> ExpandPaths(IQueryCollection query) =>
        query.Where(q => q.Key == "expand[]" || (q.Key.StartsWith("expand[", StringComparison.Ordinal) && q.Key.EndsWith(']')))
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .SelectMany(q => q.Value)
            .OfType<string>()
            .ToList();

    /// <summary>
    /// The objects of a list that its filters keep, newest first. Only filters <see cref="StripeStrictRules"/> lets
    /// through arrive here, with well-formed values; each is applied as Stripe documents it.
    /// </summary>
    private List<JsonObject> Filter(string list, IQueryCollection query)
    {
        IEnumerable<JsonObject> items = list == "subscription_items"
            ? ItemsOf(byId[query["subscription"].ToString()])
            : lists.GetValueOrDefault(list) ?? [];
        if (query.TryGetValue("subscription", out var subscription) && list != "subscription_items")
        {
            items = list == "invoices"
                ? items.Where(i => (string?)i["parent"]?["subscription_details"]?["subscription"] == subscription.ToString())
                : items.Where(i => (string?)i["subscription"] == subscription.ToString());
        }

        foreach (var field in (string[])["charge", "payment_intent", "invoice", "currency", "email"])
        {
            if (query.TryGetValue(field, out var wanted))
            {
                items = items.Where(i => Reference(i[field]) == wanted.ToString());
            }
        }

        // Customers and subscriptions on a test clock are listed only when the list asks for that clock (or, for
        // subscriptions, for one customer), as Stripe does; other lists (invoices, charges) have no such filter.
        if (list is "customers" or "subscriptions")
        {
            items = query.TryGetValue("test_clock", out var clock)
                ? items.Where(i => (string?)i["test_clock"] == clock.ToString())
                : list == "subscriptions" && query.ContainsKey("customer") ? items : items.Where(i => i["test_clock"] is null);
        }

        if (query.TryGetValue("customer", out var customer))
        {
            items = items.Where(i => Reference(i["customer"]) == customer.ToString());
        }

        items = list switch
        {
            "subscriptions" => SubscriptionsFiltered(items, query),
            "prices" => PricesFiltered(items, query),
            "invoices" => InvoicesFiltered(items, query),
            _ => items,
        };

        if (list == "events")
        {
            var kept = EventsKeptSince();
            items = FilterEventTypes(items, query).Where(e => (long)e["created"]! >= kept);
        }

        foreach (var (key, value) in query.Where(q => q.Key == "created" || q.Key.StartsWith("created[", StringComparison.Ordinal)))
        {
            var at = long.Parse(value!, CultureInfo.InvariantCulture);
            Func<long, bool> keep = key switch
            {
                "created[gt]" => c => c > at,
                "created[gte]" => c => c >= at,
                "created[lt]" => c => c < at,
                "created[lte]" => c => c <= at,
                _ => c => c == at,
            };
            items = items.Where(i => keep((long)i["created"]!));
        }

        // Newest first, as Stripe lists; ties keep the order objects were added in, newest first.
        return items.Select((item, index) => (item, index))
            .OrderByDescending(x => (long)x.item["created"]!)
            .ThenByDescending(x => x.index)
            .Select(x => x.item)
            .ToList();
    }

    /// <summary>The oldest <c>created</c> of an event Stripe still keeps.</summary>
    private long EventsKeptSince() => (Clock.GetUtcNow() - EventRetention).ToUnixTimeSeconds();

    /// <summary>
    /// Events of the <c>type</c> asked for (an exact name, or a group with <c>*</c> as a wildcard: <c>customer.*</c>,
    /// <c>*.deleted</c>) or of one of the <c>types</c> (exact names); every event when neither is given.
    /// </summary>
    private static IEnumerable<JsonObject> FilterEventTypes(IEnumerable<JsonObject> items, IQueryCollection query)
    {
        if (query.TryGetValue("type", out var type))
        {
            var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(type.ToString()).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
            return items.Where(e => System.Text.RegularExpressions.Regex.IsMatch((string)e["type"]!, pattern));
        }

        var types = EventTypes(query);
        return types.Count == 0 ? items : items.Where(e => types.Contains((string)e["type"]!));
    }

    /// <summary>The <c>types</c> of an events list, sent as <c>types[]=</c> or indexed (<c>types[0]=</c>, as Stripe.net does).</summary>
    internal static HashSet<string> EventTypes(IQueryCollection query) =>
        query.Where(q => q.Key == "types" || (q.Key.StartsWith("types[", StringComparison.Ordinal) && q.Key.EndsWith(']')))
            .SelectMany(q => q.Value)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// <c>status</c>: none lists every subscription not canceled, <c>all</c> every one, <c>ended</c> the canceled and
    /// the incomplete_expired ones, any other value that status; <c>price</c> (or the legacy <c>plan</c>) those with
    /// an item on that price; <c>collection_method</c> those collected that way.
    /// </summary>
    private static IEnumerable<JsonObject> SubscriptionsFiltered(IEnumerable<JsonObject> items, IQueryCollection query)
    {
        var status = query["status"].ToString();
        items = status switch
        {
            "" => items.Where(s => (string?)s["status"] != "canceled"),
            "all" => items,
            "ended" => items.Where(s => (string?)s["status"] is "canceled" or "incomplete_expired"),
            _ => items.Where(s => (string?)s["status"] == status),
        };
        foreach (var field in (string[])["price", "plan"])
        {
            if (query.TryGetValue(field, out var price))
            {
                items = items.Where(s => (s["items"]?["data"]?.AsArray() ?? []).Any(i => Reference(i?["price"]) == price.ToString()));
            }
        }

        if (query.TryGetValue("collection_method", out var method))
        {
            items = items.Where(s => (string?)s["collection_method"] == method.ToString());
        }

        return items;
    }

    /// <summary><c>product</c>, <c>active</c> and <c>type</c> (<c>currency</c> is applied with the other plain fields).</summary>
    private static IEnumerable<JsonObject> PricesFiltered(IEnumerable<JsonObject> items, IQueryCollection query)
    {
        if (query.TryGetValue("product", out var product))
        {
            items = items.Where(p => Reference(p["product"]) == product.ToString());
        }

        if (query.TryGetValue("active", out var active))
        {
            items = items.Where(p => ((bool?)p["active"] ?? true) == (active == "true"));
        }

        if (query.TryGetValue("type", out var type))
        {
            items = items.Where(p => ((string?)p["type"] ?? (p["recurring"] is null ? "one_time" : "recurring")) == type.ToString());
        }

        return items;
    }

    /// <summary><c>status</c> and <c>collection_method</c>.</summary>
    private static IEnumerable<JsonObject> InvoicesFiltered(IEnumerable<JsonObject> items, IQueryCollection query)
    {
        if (query.TryGetValue("status", out var status))
        {
            items = items.Where(i => (string?)i["status"] == status.ToString());
        }

        if (query.TryGetValue("collection_method", out var method))
        {
            items = items.Where(i => ((string?)i["collection_method"] ?? "charge_automatically") == method.ToString());
        }

        return items;
    }

    /// <summary>The id a field holds, whether it is the id itself or the object (expanded in a fixture).</summary>
    private static string? Reference(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var id) => id,
        JsonObject obj => (string?)obj["id"],
        _ => null,
    };

    /// <summary>Every item of a subscription, as <c>/v1/subscription_items</c> lists them (all of them, not the embedded first page).</summary>
    private static IEnumerable<JsonObject> ItemsOf(JsonObject subscription) =>
        (subscription["items"]?["data"]?.AsArray() ?? []).OfType<JsonObject>();

    /// <summary>
    /// Cuts a subscription's embedded <c>items</c> to their first <see cref="EmbeddedListLimit"/>, with <c>has_more</c>,
    /// wherever a subscription appears in an answer (events keep the object they carry).
    /// </summary>
    private static void WithEmbeddedListsCut(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var element in array)
                {
                    WithEmbeddedListsCut(element);
                }

                return;
            case JsonObject obj when (string?)obj["object"] == "event":
                return;
            case JsonObject obj:
                if ((string?)obj["object"] == "subscription" && obj["items"]?["data"] is JsonArray items && items.Count > EmbeddedListLimit)
                {
                    while (items.Count > EmbeddedListLimit)
                    {
                        items.RemoveAt(items.Count - 1);
                    }

                    obj["items"]!["has_more"] = true;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    WithEmbeddedListsCut(child);
                }

                return;
        }
    }

    private JsonObject List(string list, List<JsonObject> items, IQueryCollection query, List<string[]> expand)
    {
        var page = Page(items, query, "/v1/" + list, ObjectWord(list));
        foreach (var item in page["data"]!.AsArray())
        {
            var obj = item!.AsObject();
            obj.Remove("payments");
            foreach (var path in expand)
            {
                Expand(obj, path, 1);
            }
        }

        return page;
    }

    private static JsonObject Page(List<JsonObject> items, IQueryCollection query, string url, string type)
    {
        // StripeStrictRules has refused any limit outside 1..100 before this.
        var limit = query.TryGetValue("limit", out var l) ? int.Parse(l!, CultureInfo.InvariantCulture) : 10;
        int start, end;
        if (query.TryGetValue("starting_after", out var after))
        {
            start = items.FindIndex(o => (string)o["id"]! == after.ToString()) + 1;
            if (start == 0)
            {
                throw new MissingCursorException(type, after.ToString(), "starting_after");
            }

            end = Math.Min(items.Count, start + limit);
        }
        else if (query.TryGetValue("ending_before", out var before))
        {
            end = items.FindIndex(o => (string)o["id"]! == before.ToString());
            if (end < 0)
            {
                throw new MissingCursorException(type, before.ToString(), "ending_before");
            }

            start = Math.Max(0, end - limit);
        }
        else
        {
            start = 0;
            end = Math.Min(items.Count, limit);
        }

        var hasMore = query.ContainsKey("ending_before") ? start > 0 : end < items.Count;
        var data = new JsonArray(items.Skip(start).Take(end - start).Select(o => (JsonNode)o.DeepClone()).ToArray());
        return new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = hasMore, ["url"] = url };
    }

    private void Expand(JsonNode? node, string[] path, int index)
    {
        if (node is null || index >= path.Length)
        {
            return;
        }

        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                Expand(element, path, index);
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        var key = path[index];
        if (key == "payments" && (string?)obj["object"] == "invoice")
        {
            var id = (string)obj["id"]!;
            var payments = lists.GetValueOrDefault("invoice_payments", [])
                .Where(p => (string?)p["invoice"] == id)
                .Select(p => (JsonNode)p.DeepClone())
                .ToArray();
            obj["payments"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(payments), ["has_more"] = false };
        }
        else if (obj[key] is JsonValue value && value.TryGetValue<string>(out var reference) && byId.TryGetValue(reference, out var target))
        {
            obj[key] = target.DeepClone();
        }
        else if (obj[key] is JsonArray references)
        {
            // An array of ids (a subscription's discounts): Stripe expands each element.
            for (var i = 0; i < references.Count; i++)
            {
                if (references[i] is JsonValue element && element.TryGetValue<string>(out var id) && byId.TryGetValue(id, out var found))
                {
                    references[i] = found.DeepClone();
                }
            }
        }

        Expand(obj[key], path, index + 1);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string type, string message, string? param = null, string? code = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        await context.Response.WriteAsync(new JsonObject { ["error"] = error }.ToJsonString());
    }

    /// <summary>"customer" for customers, "credit note" for credit_notes: how Stripe names an object type in its errors.</summary>
    private static string ObjectWord(string list) =>
        (list.EndsWith('s') ? list[..^1] : list).Replace('_', ' ');

    /// <summary>An id a request names (a cursor, a list's parent) that the fake does not hold: 404 resource_missing on <see cref="Param"/>.</summary>
    private sealed class MissingCursorException(string type, string id, string param) : Exception
    {
        public string Type { get; } = type;
        public string Id { get; } = id;
        public string Param { get; } = param;
    }

    /// <summary>An event as a webhook endpoint in <see cref="EventApiVersion"/> would receive it.</summary>
    public JsonObject WebhookPayload(JsonObject stripeEvent) => StripeEventRendering.Render(stripeEvent.DeepClone().AsObject(), EventApiVersion);
}
