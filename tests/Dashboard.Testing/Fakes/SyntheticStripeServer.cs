using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Testing.Fakes;

/// <summary>
/// A fake Stripe account of any size that stores nothing: object i of each list is generated when asked for, so a
/// throughput run measures the connector's memory, not the fake's. Customer i has subscription i (Basic), one paid
/// invoice with its payment, and charge i with its balance transaction. Invoices are listed per subscription or all
/// together, newest first, with real pagination. It is as strict as <see cref="FakeStripeServer"/>: parameters and
/// expand paths the pinned version does not know answer 400 (<see cref="StripeStrictRules"/>), unknown paths 404.
/// </summary>
public sealed class SyntheticStripeServer : IAsyncDisposable
{
    private static readonly long Start = T("2024-01-01");
    private readonly WebApplication app;
    private readonly int customers;

    private SyntheticStripeServer(WebApplication app, int customers)
    {
        this.app = app;
        this.customers = customers;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Objects the connector reads in a full import: customers, subscriptions, invoices and charges.</summary>
    public long ObjectCount => 4L * customers;

    public static async Task<SyntheticStripeServer> StartAsync(int customers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new SyntheticStripeServer(app, customers);
        app.Map("/v1/{**path}", server.HandleAsync);
        await app.StartAsync();
        server.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Every request refused as invalid for the pinned version (400), as "path: param".</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Refusals { get; } = [];

    /// <summary>Milliseconds each response waits (DASHBOARD_STRIPE_BENCH_LATENCY_MS), to stand in for the network to Stripe.</summary>
    private static readonly int LatencyMs =
        int.TryParse(Environment.GetEnvironmentVariable("DASHBOARD_STRIPE_BENCH_LATENCY_MS"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;

    private async Task HandleAsync(HttpContext context)
    {
        if (LatencyMs > 0)
        {
            await Task.Delay(LatencyMs, context.RequestAborted);
        }

        var path = "v1/" + (string)context.Request.RouteValues["path"]!;
        var parts = path.Split('/');
        if (parts is ["v1", "test_helpers", "test_clocks"])
        {
            parts = ["v1", "test_clocks"];
        }

        var query = context.Request.Query;
        if (parts.Length != 2 || !Lists.Contains(parts[1]))
        {
            await WriteErrorAsync(context, 404, $"Unrecognized request URL (GET: /{path}).", null);
            return;
        }

        if (StripeStrictRules.Check(parts, query) is { } refusal)
        {
            Refusals.Add($"{path}: {refusal.Param}");
            await WriteErrorAsync(context, 400, refusal.Message, refusal.Param);
            return;
        }

        var list = parts[1];
        var limit = query.TryGetValue("limit", out var l) ? int.Parse(l.ToString(), CultureInfo.InvariantCulture) : 10;
        JsonObject page = list switch
        {
            "prices" => Page([Price("price_basic", "prod_basic", 2000, Start - 10)], false),
            "customers" => Range(query, limit, i => Customer(Id("cus", i), $"c{i}@example.com", $"Customer {i}", "US", Start + i)),
            "subscriptions" => Range(query, limit, Subscription),
            "charges" => Range(query, limit, Charge),
            "invoices" when query.TryGetValue("subscription", out var subscription) =>
                Page([InvoiceOf(int.Parse(subscription.ToString()[4..], CultureInfo.InvariantCulture))], false),
            "invoices" => Range(query, limit, InvoiceOf),
            _ => Page([], false),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(page.ToJsonString());
    }

    /// <summary>The lists the synthetic account serves (the others it has no objects for answer empty pages).</summary>
    private static readonly HashSet<string> Lists =
        ["prices", "customers", "subscriptions", "charges", "invoices", "refunds", "credit_notes", "disputes", "events", "test_clocks"];

    private static async Task WriteErrorAsync(HttpContext context, int status, string message, string? param)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["type"] = "invalid_request_error", ["message"] = message };
        if (param is not null)
        {
            error["param"] = param;
        }

        await context.Response.WriteAsync(new JsonObject { ["error"] = error }.ToJsonString());
    }

    /// <summary>Objects are listed newest first: position p is object (count - 1 - p).</summary>
    private JsonObject Range(IQueryCollection query, int limit, Func<int, JsonObject> make)
    {
        var first = query.TryGetValue("starting_after", out var after)
            ? int.Parse(after.ToString()[(after.ToString().LastIndexOf('_') + 1)..], CultureInfo.InvariantCulture) - 1
            : customers - 1;
        var items = new List<JsonObject>();
        for (var i = first; i >= 0 && items.Count < limit; i--)
        {
            items.Add(make(i));
        }

        return Page(items, first - items.Count >= 0);
    }

    private static JsonObject Page(List<JsonObject> items, bool hasMore) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        ["has_more"] = hasMore,
    };

    private static string Id(string prefix, int i) => prefix + "_" + i.ToString("D8", CultureInfo.InvariantCulture);

    private static JsonObject Subscription(int i) =>
        StripeFixtures.Subscription(Id("sub", i), Id("cus", i), "active", Start + i,
            [Item(Id("si", i), Id("sub", i), Price("price_basic", "prod_basic", 2000, Start - 10), 1, Start + i, Start + i + 2_678_400, Start + i)]);

    private static JsonObject InvoiceOf(int i)
    {
        var invoice = Invoice(Id("in", i), Id("cus", i), Id("sub", i), "paid", Start + i, Start + i, Start + i,
            Line(Id("il", i), Id("in", i), Id("sub", i), Id("si", i), "price_basic", 2000, 1, Start + i, Start + i + 2_678_400));
        invoice["payments"] = Page([InvoicePayment(Id("inpay", i), Id("in", i), Id("pi", i), 2000, Start + i)], false);
        return invoice;
    }

    private static JsonObject Charge(int i)
    {
        var charge = StripeFixtures.Charge(Id("ch", i), Id("cus", i), 2000, Start + i, paid: true, null, Id("pi", i));
        charge["balance_transaction"] = BalanceTransaction(Id("txn", i), Id("ch", i), 2000, 88, Start + i);
        return charge;
    }
}
