using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Sources.Braintree.Api;

/// <summary>
/// The typed HttpClient over the Braintree gateway API: XML over HTTPS under <c>/merchants/{merchant_id}/</c>, basic
/// auth with the public and private key, <c>X-ApiVersion</c> pinned. Every attempt runs inside
/// <see cref="BraintreeResilience"/>, so 429s, 5xx answers and network failures are retried before an error surfaces.
/// </summary>
public sealed class BraintreeClient(HttpClient http, BraintreeResilience resilience, IOptions<BraintreeOptions> options) : IBraintreeClient
{
    public const int MaxSearchPage = 50;

    public async Task<IReadOnlyList<BraintreeMerchantAccount>> MerchantAccountsAsync(BraintreeConnection connection, CancellationToken cancellationToken)
    {
        var accounts = new List<BraintreeMerchantAccount>();
        for (var page = 1; ; page++)
        {
            var root = await SendAsync(connection, HttpMethod.Get, $"merchant_accounts?page={page.ToString(CultureInfo.InvariantCulture)}", null, "merchant-accounts", cancellationToken);
            var items = root!.Elements("merchant-account").Select(BraintreeParser.MerchantAccount).ToList();
            accounts.AddRange(items);
            var total = root.Integer("total-items") ?? accounts.Count;
            if (items.Count == 0 || accounts.Count >= total)
            {
                return accounts;
            }
        }
    }

    public async Task<IReadOnlyList<BraintreePlan>> PlansAsync(BraintreeConnection connection, CancellationToken cancellationToken)
    {
        var root = await SendAsync(connection, HttpMethod.Get, "plans", null, "plans", cancellationToken);
        return root!.Elements("plan").Select(BraintreeParser.Plan).ToList();
    }

    public async Task<IReadOnlyList<BraintreeModification>> AddOnsAsync(BraintreeConnection connection, CancellationToken cancellationToken)
    {
        var root = await SendAsync(connection, HttpMethod.Get, "add_ons", null, "modifications", cancellationToken);
        return root!.Elements("modification").Select(BraintreeParser.Modification).ToList();
    }

    public async Task<IReadOnlyList<BraintreeModification>> DiscountsAsync(BraintreeConnection connection, CancellationToken cancellationToken)
    {
        var root = await SendAsync(connection, HttpMethod.Get, "discounts", null, "modifications", cancellationToken);
        return root!.Elements("modification").Select(BraintreeParser.Modification).ToList();
    }

    public async Task<IReadOnlyList<string>> SearchIdsAsync(
        BraintreeConnection connection, BraintreeSearchKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var body = new XElement("search", new XElement("created-at",
            new XElement("min", new XAttribute("type", "datetime"), Instant(from)),
            new XElement("max", new XAttribute("type", "datetime"), Instant(to))));
        var root = await SendAsync(connection, HttpMethod.Post, kind.Path + "/advanced_search_ids", body, "search-results", cancellationToken);
        return root!.Array("ids").Select(i => i.Value).ToList();
    }

    public async Task<IReadOnlyList<XElement>> FetchAsync(
        BraintreeConnection connection, BraintreeSearchKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(options.Value.SearchPageSize, 1, MaxSearchPage);
        if (ids.Count > pageSize)
        {
            throw new ArgumentException($"advanced_search takes at most {pageSize} ids; {ids.Count} were given.", nameof(ids));
        }

        if (ids.Count == 0)
        {
            return [];
        }

        var body = new XElement("search", new XElement("ids", new XAttribute("type", "array"), ids.Select(id => new XElement("item", id))));
        var root = await SendAsync(connection, HttpMethod.Post, kind.Path + "/advanced_search", body, kind.PageElement, cancellationToken);
        return root!.Elements(kind.ItemElement).ToList();
    }

    public Task<XElement?> FindAsync(BraintreeConnection connection, BraintreeSearchKind kind, string id, CancellationToken cancellationToken) =>
        SendAsync(connection, HttpMethod.Get, kind.Path + "/" + Uri.EscapeDataString(id), null, kind.ItemElement, cancellationToken, notFoundIsNull: true);

    public async Task<string?> PaymentMethodCustomerAsync(BraintreeConnection connection, string token, CancellationToken cancellationToken)
    {
        var root = await SendAsync(connection, HttpMethod.Get, "payment_methods/any/" + Uri.EscapeDataString(token), null, null, cancellationToken, notFoundIsNull: true);
        return root?.Text("customer-id");
    }

    /// <summary>Builds the gateway URL: the API base, then <c>merchants/{id}/</c>, then the relative path.</summary>
    public static Uri BuildUri(Uri apiBase, string merchantId, string path)
    {
        var root = apiBase.AbsoluteUri.EndsWith('/') ? apiBase : new Uri(apiBase.AbsoluteUri + "/");
        return new Uri(root, "merchants/" + Uri.EscapeDataString(merchantId) + "/" + path);
    }

    private static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private Task<XElement?> SendAsync(
        BraintreeConnection connection, HttpMethod method, string path, XElement? body, string? expectedRoot, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        var uri = BuildUri(connection.ApiBase, connection.MerchantId, path);
        var content = body is null ? null : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body.ToString(SaveOptions.DisableFormatting);
        return resilience.Pipeline.ExecuteAsync(
            static async (state, token) => await state.Client.AttemptAsync(state.Connection, state.Method, state.Uri, state.Content, state.Root, state.NotFoundIsNull, token),
            (Client: this, Connection: connection, Method: method, Uri: uri, Content: content, Root: expectedRoot, NotFoundIsNull: notFoundIsNull),
            cancellationToken).AsTask();
    }

    private async Task<XElement?> AttemptAsync(
        BraintreeConnection connection, HttpMethod method, Uri uri, string? content, string? expectedRoot, bool notFoundIsNull, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(connection.PublicKey + ":" + connection.PrivateKey)));
        request.Headers.Add("X-ApiVersion", options.Value.ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        if (content is not null)
        {
            request.Content = new StringContent(content, Encoding.UTF8, "application/xml");
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw ToException(response, method, uri);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await BraintreeXml.LoadAsync(stream, $"{method} {uri.AbsolutePath}", expectedRoot, cancellationToken);
    }

    private static BraintreeApiException ToException(HttpResponseMessage response, HttpMethod method, Uri uri)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var meaning = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => ": the public or private key is wrong",
            HttpStatusCode.Forbidden => ": the keys may not do this, or the merchant id is wrong",
            HttpStatusCode.NotFound => ": no such object or merchant",
            HttpStatusCode.UpgradeRequired => ": the API version is no longer accepted",
            HttpStatusCode.TooManyRequests => ": too many requests",
            _ => string.Empty,
        };
        return new BraintreeApiException(response.StatusCode, $"Braintree answered {(int)response.StatusCode} ({response.StatusCode}) for {method} {uri.AbsolutePath}{meaning}", retryAfter);
    }
}
