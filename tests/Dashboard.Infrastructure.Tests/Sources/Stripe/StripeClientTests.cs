using System.Diagnostics;
using System.Net;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Testing.Fakes;
using Sdk = Stripe;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

public sealed class StripeClientTests : IAsyncLifetime
{
    private FakeStripeServer server = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        server = await FakeStripeServer.StartAsync();
        for (var i = 0; i < 25; i++)
        {
            server.Put("customers", Customer($"cus_{i:D3}", $"c{i}@example.com", $"C {i}", "US", T("2024-01-01") + i));
        }

        services = StripeTestServices.Create(pageSize: 10, retryDelay: TimeSpan.FromMilliseconds(20));
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await server.DisposeAsync();
    }

    private StripeConnection Connection => new(server.BaseUri, FakeStripeServer.ApiKey);

    private IStripeApi Client => services.GetRequiredService<IStripeApi>();

    [Fact]
    public async Task Pages_follow_starting_after_until_has_more_is_false()
    {
        var ids = await ListAllAsync();

        Assert.Equal(25, ids.Count);
        Assert.Equal("cus_024", ids[0]);
        Assert.Equal("cus_000", ids[^1]);
        Assert.Equal(3, server.RequestCount("v1/customers"));
        Assert.All(server.Versions, v => Assert.Equal(Sdk.StripeConfiguration.ApiVersion, v));
        Assert.Equal("2026-10-28.endive", StripeOptions.ApiVersion);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_it_names()
    {
        server.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.TooManyRequests, Skip: 1, RetryAfterSeconds: 1));

        var watch = Stopwatch.StartNew();
        var ids = await ListAllAsync();

        Assert.Equal(25, ids.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), $"waited only {watch.Elapsed}");
        Assert.Equal(4, server.RequestCount("v1/customers"));
    }

    [Fact]
    public async Task A_500_and_a_dropped_connection_are_retried()
    {
        server.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.ServerError, Skip: 0));
        server.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.DropConnection, Skip: 2));

        var ids = await ListAllAsync();

        Assert.Equal(25, ids.Count);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"cus_{i:D3}").Reverse(), ids);
        Assert.Equal(5, server.RequestCount("v1/customers"));
    }

    [Fact]
    public async Task A_request_refused_for_good_is_not_retried_and_never_shows_the_key()
    {
        var error = await Assert.ThrowsAsync<Sdk.StripeException>(() =>
            Client.ListPageAsync(Connection with { ApiKey = "rk_test_wrong" }, StripeListRequest.Customers, null, default));

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
        Assert.DoesNotContain("rk_test", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount("v1/customers"));
    }

    [Fact]
    public async Task Failures_beyond_the_retry_budget_surface()
    {
        server.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.ServerError, Times: 10));

        var error = await Assert.ThrowsAsync<Sdk.StripeException>(() =>
            Client.ListPageAsync(Connection, StripeListRequest.Customers, null, default));

        Assert.Equal(HttpStatusCode.InternalServerError, error.HttpStatusCode);
        Assert.Equal(4, server.RequestCount("v1/customers"));
    }

    private async Task<List<string>> ListAllAsync()
    {
        var ids = new List<string>();
        string? cursor = null;
        while (true)
        {
            var page = await Client.ListPageAsync(Connection, StripeListRequest.Customers, cursor, default);
            ids.AddRange(page.Data.Select(c => c.Id));
            if (!page.HasMore)
            {
                return ids;
            }

            cursor = page.Data[^1].Id;
        }
    }
}
