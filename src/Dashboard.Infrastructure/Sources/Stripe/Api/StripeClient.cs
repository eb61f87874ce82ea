using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>
/// The typed HttpClient over Stripe's REST API. Every attempt runs inside <see cref="StripeResilience"/>, so 429s,
/// 5xx answers, dropped connections and timeouts are retried (honouring Retry-After) before an error surfaces.
/// </summary>
public sealed class StripeClient(HttpClient http, StripeResilience resilience, IOptions<StripeOptions> options) : IStripeClient
{
    public Task<StripeList<T>> ListPageAsync<T>(
        StripeConnection connection,
        StripeListRequest request,
        string? startingAfter,
        CancellationToken cancellationToken,
        string? endingBefore = null)
    {
        var parameters = new List<KeyValuePair<string, string>>(request.Parameters)
        {
            KeyValuePair.Create("limit", options.Value.PageSize.ToString(CultureInfo.InvariantCulture)),
        };
        if (startingAfter is not null)
        {
            parameters.Add(KeyValuePair.Create("starting_after", startingAfter));
        }

        if (endingBefore is not null)
        {
            parameters.Add(KeyValuePair.Create("ending_before", endingBefore));
        }

        return SendAsync<StripeList<T>>(connection, request.Path, parameters, cancellationToken);
    }

    public Task<T> GetAsync<T>(
        StripeConnection connection, string path, IReadOnlyList<string>? expand, CancellationToken cancellationToken) =>
        SendAsync<T>(connection, path, expand?.Select(e => KeyValuePair.Create("expand[]", e)).ToList() ?? [], cancellationToken);

    private async Task<T> SendAsync<T>(
        StripeConnection connection, string path, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var uri = BuildUri(connection.ApiBase, path, parameters);
        return await resilience.Pipeline.ExecuteAsync(
            static async (state, token) => await state.Client.AttemptAsync<T>(state.Connection, state.Uri, token),
            (Client: this, Connection: connection, Uri: uri),
            cancellationToken);
    }

    private async Task<T> AttemptAsync<T>(StripeConnection connection, Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.ApiKey);
        request.Headers.Add("Stripe-Version", options.Value.ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(body, StripeJson.Options, cancellationToken)
            ?? throw new JsonException($"Stripe answered {uri.AbsolutePath} with an empty body.");
    }

    private static async Task<StripeApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var message = $"Stripe answered {(int)response.StatusCode} ({response.StatusCode}) for {response.RequestMessage?.RequestUri?.AbsolutePath}";
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var detail))
            {
                message += ": " + detail.GetString();
            }
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            // The body is only a detail of the message; the status already says what happened.
        }

        return new StripeApiException(response.StatusCode, message, retryAfter);
    }

    internal static Uri BuildUri(Uri apiBase, string path, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var text = new StringBuilder(path.TrimStart('/'));
        for (var i = 0; i < parameters.Count; i++)
        {
            text.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(parameters[i].Key))
                .Append('=')
                .Append(Uri.EscapeDataString(parameters[i].Value));
        }

        var root = apiBase.AbsoluteUri.EndsWith('/') ? apiBase : new Uri(apiBase.AbsoluteUri + "/");
        return new Uri(root, text.ToString());
    }
}
