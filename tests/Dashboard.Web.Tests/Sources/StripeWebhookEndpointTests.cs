using System.Net;
using System.Text;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Testing;
using Dashboard.Web.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Sources;

/// <summary>The webhook endpoint over HTTP: 400 for a bad signature, 200 for a verified event, 404 for an unknown source.</summary>
public sealed class StripeWebhookEndpointTests : IAsyncLifetime
{
    private const string Secret = "whsec_endpoint_test";

    private TestDatabase database = null!;
    private WebApplication app = null!;
    private HttpClient client = null!;
    private long sourceId;
    private string keys = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        keys = Path.Combine(Path.GetTempPath(), "dashboard-keys-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration["DataProtection:KeysPath"] = keys;
        builder.Services.AddSingleton(database.CreateFactory());
        builder.Services.AddBillingImporter();
        builder.Services.AddSourceCredentials(builder.Configuration, Path.GetTempPath());
        builder.Services.AddStripeConnector(builder.Configuration);
        app = builder.Build();
        app.MapStripeWebhooks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
        var source = await app.Services.GetRequiredService<StripeSourceRegistrar>()
            .AddAsync("Stripe", "rk_test_unused", new Uri("http://127.0.0.1:9/"), Secret, default);
        sourceId = source.Id;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        await database.DisposeAsync();
        Directory.Delete(keys, recursive: true);
    }

    [Fact]
    public async Task A_verified_event_is_accepted()
    {
        // A type the dashboard does not need: verified, acknowledged, nothing to fetch.
        var payload = """{"id":"evt_1","object":"event","type":"balance.available","created":1700000000,"data":{"object":{"id":"bal"}}}""";

        using var response = await PostAsync(sourceId, payload, StripeWebhookSignature.Sign(payload, DateTimeOffset.UtcNow, Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("whsec_wrong", 0)]
    [InlineData(Secret, -10)]
    [InlineData(null, 0)]
    public async Task A_bad_or_stale_signature_is_a_400(string? secret, int minutes)
    {
        const string payload = """{"id":"evt_2","object":"event","type":"customer.deleted","created":1700000000,"data":{"object":{"id":"cus_1"}}}""";
        var header = secret is null ? null : StripeWebhookSignature.Sign(payload, DateTimeOffset.UtcNow.AddMinutes(minutes), secret);

        using var response = await PostAsync(sourceId, payload, header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_source_is_a_404()
    {
        const string payload = """{"id":"evt_3"}""";

        using var response = await PostAsync(sourceId + 100, payload, StripeWebhookSignature.Sign(payload, DateTimeOffset.UtcNow, Secret));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(long id, string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/stripe/{id}")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.Add("Stripe-Signature", signature);
        }

        return await client.SendAsync(request);
    }
}
