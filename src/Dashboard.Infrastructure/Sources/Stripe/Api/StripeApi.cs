using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>Stripe's API through Stripe.net, for one connection at a time.</summary>
public interface IStripeApi
{
    /// <summary>The Stripe.net client of a connection: its typed services (<c>V1</c>) read the pinned API version.</summary>
    Sdk.StripeClient Client(StripeConnection connection);

    /// <summary>
    /// The page after <paramref name="startingAfter"/> (the first page when null), or, with <paramref name="endingBefore"/>,
    /// the page of objects listed just before that one (newer, for lists ordered newest first).
    /// </summary>
    Task<Sdk.StripeList<T>> ListPageAsync<T>(
        StripeConnection connection,
        StripeListRequest<T> request,
        string? startingAfter,
        CancellationToken cancellationToken,
        string? endingBefore = null)
        where T : Sdk.IHasId;

    /// <summary>The page at <paramref name="position"/>: after an object, on one test clock, created at or before a time.</summary>
    Task<Sdk.StripeList<T>> ListPageAtAsync<T>(
        StripeConnection connection, StripeListRequest<T> request, StripeListPosition position, CancellationToken cancellationToken)
        where T : Sdk.IHasId;

    /// <summary>Every test clock of the account, newest first; none for a live-mode key (test clocks exist only in test mode).</summary>
    Task<IReadOnlyList<Sdk.TestHelpers.TestClock>> TestClocksAsync(StripeConnection connection, CancellationToken cancellationToken);
}

/// <summary>
/// Builds one Stripe.net client per connection (API base and key), all sharing our HttpClient: its handler runs the
/// <see cref="StripeResilience"/> retries, and Stripe.net's own retries and telemetry are off.
/// </summary>
public sealed class StripeApi(IHttpClientFactory httpClients, IOptions<StripeOptions> options) : IStripeApi
{
    public const string HttpClientName = "Stripe";

    /// <summary>How long a pooled connection to Stripe is reused before a new one is opened (and DNS read again).</summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<StripeConnection, Sdk.StripeClient> clients = new();

    // Also installed by AddStripeConnector at start-up; here for clients built without it (idempotent).
    static StripeApi() => StripeModelReader.Install();

    public Sdk.StripeClient Client(StripeConnection connection) =>
        clients.GetOrAdd(connection, static (c, self) => self.Create(c), this);

    public Task<Sdk.StripeList<T>> ListPageAsync<T>(
        StripeConnection connection,
        StripeListRequest<T> request,
        string? startingAfter,
        CancellationToken cancellationToken,
        string? endingBefore = null)
        where T : Sdk.IHasId =>
        request.Read(Client(connection), new StripePage(startingAfter, endingBefore, options.Value.PageSize), cancellationToken);

    public Task<Sdk.StripeList<T>> ListPageAtAsync<T>(
        StripeConnection connection, StripeListRequest<T> request, StripeListPosition position, CancellationToken cancellationToken)
        where T : Sdk.IHasId =>
        request.Read(
            Client(connection),
            new StripePage(position.StartingAfter, null, options.Value.PageSize, position.TestClock, position.CreatedAtMost),
            cancellationToken);

    public async Task<IReadOnlyList<Sdk.TestHelpers.TestClock>> TestClocksAsync(StripeConnection connection, CancellationToken cancellationToken)
    {
        if (!connection.IsTestMode)
        {
            return [];
        }

        var clocks = new List<Sdk.TestHelpers.TestClock>();
        await foreach (var clock in Client(connection).V1.TestHelpers.TestClocks.ListAutoPagingAsync(
                           new Sdk.TestHelpers.TestClockListOptions { Limit = options.Value.PageSize }, null, cancellationToken))
        {
            clocks.Add(clock);
        }

        return clocks;
    }

    private Sdk.StripeClient Create(StripeConnection connection)
    {
        var http = new Sdk.SystemNetHttpClient(httpClients.CreateClient(HttpClientName), maxNetworkRetries: 0, enableTelemetry: false);
        return new Sdk.StripeClient(connection.ApiKey, httpClient: http, apiBase: connection.ApiBase.AbsoluteUri.TrimEnd('/'));
    }
}
