using System.Net;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Sdk = Stripe;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// Our retry policy reads Stripe's <c>Stripe-Should-Retry</c> header as Stripe.net does: <c>true</c> retries,
/// <c>false</c> never retries whatever the status (a 500, a 429, a 409), and without it a 409 <c>lock_timeout</c> is
/// retried like a 429 or a 5xx.
/// </summary>
public sealed class StripeShouldRetryTests : IAsyncLifetime
{
    private FakeStripeServer server = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        server = await FakeStripeServer.StartAsync();
        server.Put("customers", Customer("cus_1", "one@example.com", "One", "US", T("2024-01-01")));
        services = StripeTestServices.Create(retryDelay: TimeSpan.FromMilliseconds(20));
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await server.DisposeAsync();
    }

    private Task<Sdk.StripeList<Sdk.Customer>> ListAsync() =>
        services.GetRequiredService<IStripeApi>().ListPageAsync(new StripeConnection(server.BaseUri, FakeStripeServer.ApiKey), StripeListRequest.Customers, null, default);

    [Theory]
    [InlineData(true)]
    [InlineData(null)]
    public async Task A_409_lock_timeout_is_retried_with_or_without_Stripe_Should_Retry_true(bool? shouldRetry)
    {
        server.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.LockTimeout, Times: 2, ShouldRetry: shouldRetry));

        var page = await ListAsync();

        Assert.Equal("cus_1", Assert.Single(page.Data).Id);
        Assert.Equal(3, server.RequestCount("v1/customers"));
    }

    [Theory]
    [InlineData(FakeStripeFaultKind.ServerError, HttpStatusCode.InternalServerError)]
    [InlineData(FakeStripeFaultKind.TooManyRequests, HttpStatusCode.TooManyRequests)]
    [InlineData(FakeStripeFaultKind.LockTimeout, HttpStatusCode.Conflict)]
    public async Task Stripe_Should_Retry_false_is_never_retried_whatever_the_status(FakeStripeFaultKind kind, HttpStatusCode status)
    {
        server.Inject(new FakeStripeFault("v1/customers", kind, Times: 10, ShouldRetry: false));

        var error = await Assert.ThrowsAsync<Sdk.StripeException>(ListAsync);

        Assert.Equal(status, error.HttpStatusCode);
        Assert.Equal(1, server.RequestCount("v1/customers"));
    }

    [Fact]
    public async Task Stripe_Should_Retry_true_on_a_500_is_retried_until_it_passes()
    {
        server.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.ServerError, Times: 2, ShouldRetry: true));

        var page = await ListAsync();

        Assert.Single(page.Data);
        Assert.Equal(3, server.RequestCount("v1/customers"));
    }

    [Fact]
    public async Task A_409_that_outlasts_the_retries_is_a_passing_failure_so_the_sync_runs_again_later()
    {
        server.Inject(new FakeStripeFault("v1/customers", FakeStripeFaultKind.LockTimeout, Times: 10, ShouldRetry: true));

        var error = await Assert.ThrowsAsync<Sdk.StripeException>(ListAsync);

        Assert.Equal(HttpStatusCode.Conflict, error.HttpStatusCode);
        Assert.Equal("lock_timeout", error.StripeError?.Code);
        Assert.Equal(4, server.RequestCount("v1/customers"));
        Assert.True(StripeResilience.IsTransient(error, default));
    }

    [Fact]
    public void The_header_is_read_before_the_status_and_an_unknown_value_is_ignored()
    {
        static bool Retries(HttpStatusCode status, string? header)
        {
            using var response = new HttpResponseMessage(status);
            if (header is not null)
            {
                response.Headers.Add("Stripe-Should-Retry", header);
            }

            return StripeResilience.ShouldRetry(response);
        }

        Assert.True(Retries(HttpStatusCode.BadRequest, "true"));
        Assert.False(Retries(HttpStatusCode.ServiceUnavailable, "false"));
        Assert.False(Retries(HttpStatusCode.TooManyRequests, "false"));
        Assert.True(Retries(HttpStatusCode.ServiceUnavailable, "maybe"));
        Assert.False(Retries(HttpStatusCode.BadRequest, "maybe"));
        Assert.True(Retries(HttpStatusCode.Conflict, null));
        Assert.False(Retries(HttpStatusCode.NotFound, null));
    }
}
