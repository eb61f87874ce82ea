using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Testing.Fakes.Braintree;

/// <summary>
/// A local stand-in for the Braintree gateway on 127.0.0.1 and a free port, as strict as the real one: basic auth
/// with the key pair (401, empty body, otherwise), the merchant id in the path (404 for another), X-ApiVersion 6
/// (426 otherwise), Accept: application/xml (406 otherwise), XML request bodies, advanced_search_ids by created-at
/// then advanced_search with at most 50 ids (400 for more), finds by id (404), and injected faults.
/// </summary>
public sealed class FakeBraintreeServer : IAsyncDisposable
{
    public const string MerchantId = "fake_merchant";
    public const string PublicKey = "fake_public_key";
    public const string PrivateKey = "fake_private_key";
    public const int SearchPageLimit = 50;

    private static readonly Dictionary<string, (string Kind, string Page, string Item)> Searches = new(StringComparer.Ordinal)
    {
        ["customers"] = ("customers", "customers", "customer"),
        ["subscriptions"] = ("subscriptions", "subscriptions", "subscription"),
        ["transactions"] = ("transactions", "credit-card-transactions", "transaction"),
    };

    private readonly WebApplication app;
    private readonly object gate = new();
    private readonly List<(FakeBraintreeFault Fault, int Seen, int Left)> faults = [];
    private readonly ConcurrentDictionary<string, int> requestCounts = new(StringComparer.Ordinal);

    private FakeBraintreeServer(WebApplication app, IBraintreeData data)
    {
        this.app = app;
        Data = data;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>What is served; tests may swap it (the merchant's account as of another day).</summary>
    public IBraintreeData Data { get; set; }

    /// <summary>Merchant accounts per page of GET merchant_accounts.</summary>
    public int MerchantAccountPageSize { get; set; } = 2;

    /// <summary>The largest number of ids one advanced_search asked for.</summary>
    public int LargestSearchPage { get; private set; }

    public int RequestCount(string pathPrefix) => requestCounts.Where(r => r.Key.StartsWith(pathPrefix, StringComparison.Ordinal)).Sum(r => r.Value);

    public int TotalRequests => requestCounts.Values.Sum();

    public static async Task<FakeBraintreeServer> StartAsync(IBraintreeData data)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeBraintreeServer(app, data);
        app.Map("/merchants/{merchant}/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address + "/");
        return server;
    }

    public void Inject(FakeBraintreeFault fault)
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
        var path = (string)context.Request.RouteValues["path"]!;
        requestCounts.AddOrUpdate(path, 1, (_, n) => n + 1);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(PublicKey + ":" + PrivateKey));
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            context.Response.StatusCode = 401;
            return;
        }

        if ((string)context.Request.RouteValues["merchant"]! != MerchantId)
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (context.Request.Headers["X-ApiVersion"].ToString() != "6")
        {
            context.Response.StatusCode = 426;
            return;
        }

        if (!context.Request.Headers.Accept.ToString().Contains("application/xml", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 406;
            return;
        }

        if (TakeFault(path) is { } fault)
        {
            switch (fault.Kind)
            {
                case FakeBraintreeFaultKind.TooManyRequests:
                    context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    context.Response.StatusCode = 429;
                    return;
                case FakeBraintreeFaultKind.ServiceUnavailable:
                    context.Response.StatusCode = 503;
                    return;
                default:
                    context.Response.ContentType = "application/xml; charset=utf-8";
                    await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<customers type=\"collection\"><customer><id>broken</id><first-name>Cut", context.RequestAborted);
                    return;
            }
        }

        var answer = await AnswerAsync(context, path);
        if (answer is null)
        {
            return;
        }

        context.Response.ContentType = "application/xml; charset=utf-8";
        await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + answer.ToString(SaveOptions.DisableFormatting), context.RequestAborted);
    }

    /// <summary>The answer's XML, or null when the status (404, 400...) was set instead.</summary>
    private async Task<XElement?> AnswerAsync(HttpContext context, string path)
    {
        var method = context.Request.Method;
        var segments = path.Split('/');
        switch (method, segments)
        {
            case ("GET", ["merchant_accounts"]):
                var page = int.TryParse(context.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
                var accounts = Data.MerchantAccounts;
                return new XElement("merchant-accounts", new XAttribute("type", "collection"),
                    BraintreeXmlBuilder.Integer("current-page-number", page),
                    BraintreeXmlBuilder.Integer("page-size", MerchantAccountPageSize),
                    BraintreeXmlBuilder.Integer("total-items", accounts.Count),
                    accounts.Skip((page - 1) * MerchantAccountPageSize).Take(MerchantAccountPageSize));
            case ("GET", ["plans"]):
                return new XElement("plans", new XAttribute("type", "array"), Data.Plans);
            case ("GET", ["add_ons"]):
                return new XElement("modifications", new XAttribute("type", "array"), Data.AddOns);
            case ("GET", ["discounts"]):
                return new XElement("modifications", new XAttribute("type", "array"), Data.Discounts);
            case ("GET", ["payment_methods", "any", var token]):
                if (Data.PaymentMethodOwner(token) is not { } owner)
                {
                    context.Response.StatusCode = 404;
                    return null;
                }

                return new XElement("credit-card", BraintreeXmlBuilder.Text("token", token), BraintreeXmlBuilder.Text("customer-id", owner));
            case ("GET", [var kind, var id]) when Searches.ContainsKey(kind):
                if (Data.Find(kind, id) is not { } found)
                {
                    context.Response.StatusCode = 404;
                    return null;
                }

                return found;
            case ("POST", [var kind, "advanced_search_ids" or "advanced_search"]) when Searches.ContainsKey(kind):
                var search = await ReadSearchAsync(context);
                if (search is null)
                {
                    context.Response.StatusCode = 400;
                    return null;
                }

                return segments[1] == "advanced_search_ids" ? SearchIds(kind, search) : Fetch(context, kind, search);
            default:
                context.Response.StatusCode = 404;
                return null;
        }
    }

    private XElement SearchIds(string kind, XElement search)
    {
        var created = search.Element("created-at");
        DateTimeOffset? Bound(string name) => created?.Element(name) is { } e
            ? DateTimeOffset.Parse(e.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
        var ids = Data.IdsCreatedBetween(kind, Bound("min"), Bound("max"));
        return new XElement("search-results",
            BraintreeXmlBuilder.Integer("page-size", SearchPageLimit),
            BraintreeXmlBuilder.Array("ids", ids.Select(id => new XElement("item", id))));
    }

    private XElement? Fetch(HttpContext context, string kind, XElement search)
    {
        var ids = search.Element("ids")?.Elements("item").Select(i => i.Value).ToList() ?? [];
        if (ids.Count > SearchPageLimit)
        {
            context.Response.StatusCode = 400;
            return null;
        }

        lock (gate)
        {
            LargestSearchPage = Math.Max(LargestSearchPage, ids.Count);
        }

        var (_, pageElement, _) = Searches[kind];
        var found = ids.Select(id => Data.Find(kind, id)).OfType<XElement>().ToList();
        return new XElement(pageElement, new XAttribute("type", "collection"),
            BraintreeXmlBuilder.Integer("current-page-number", 1),
            BraintreeXmlBuilder.Integer("page-size", SearchPageLimit),
            BraintreeXmlBuilder.Integer("total-items", found.Count),
            found);
    }

    /// <summary>The &lt;search&gt; body, or null when the request is not XML or not a search.</summary>
    private static async Task<XElement?> ReadSearchAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/xml", StringComparison.Ordinal) != true)
        {
            return null;
        }

        try
        {
            var document = await XDocument.LoadAsync(context.Request.Body, LoadOptions.None, context.RequestAborted);
            return document.Root?.Name.LocalName == "search" ? document.Root : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private FakeBraintreeFault? TakeFault(string path)
    {
        lock (gate)
        {
            for (var i = 0; i < faults.Count; i++)
            {
                var (fault, seen, left) = faults[i];
                if (!path.StartsWith(fault.PathPrefix, StringComparison.Ordinal) || left <= 0)
                {
                    continue;
                }

                if (seen < fault.Skip)
                {
                    faults[i] = (fault, seen + 1, left);
                    continue;
                }

                faults[i] = (fault, seen + 1, left - 1);
                return fault;
            }

            return null;
        }
    }
}
