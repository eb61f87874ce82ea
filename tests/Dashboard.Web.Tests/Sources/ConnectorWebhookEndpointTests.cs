using System.Net;
using System.Net.Http.Headers;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Braintree;
using Dashboard.Infrastructure.Sources.Braintree.Webhooks;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Testing;
using Dashboard.Web.Sources;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Sources;

/// <summary>
/// <c>/webhooks/{provider}/{source id}</c> over HTTP: dispatched to the provider's verifier, 404 for an unknown provider
/// or a source of another provider, 400 for a bad signature, and a verified delivery stored as that provider's job
/// (no job server runs here, so the job stays enqueued and its arguments can be read).
/// </summary>
public sealed class ConnectorWebhookEndpointTests : IAsyncLifetime
{
    private const string PublicKey = "bt_public";
    private const string PrivateKey = "bt_private";
    private const string Payload = "PG5vdGlmaWNhdGlvbj48a2luZD5jaGVjazwva2luZD48L25vdGlmaWNhdGlvbj4=\n";

    private TestDatabase database = null!;
    private WebApplication app = null!;
    private HttpClient client = null!;
    private long braintreeId;
    private long stripeId;
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
        builder.Services.AddBraintreeSetup();
        builder.Services.AddSingleton(database.Options);
        builder.Services.AddBackgroundJobs(builder.Configuration, runServer: false);
        app = builder.Build();
        app.MapConnectorWebhooks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
        var registry = app.Services.GetRequiredService<ConnectorRegistry>();
        braintreeId = (await registry.Find("braintree")!.AddAsync(new ConnectorSetup("Shop", new Dictionary<string, string?>
        {
            ["merchant-id"] = "merchant1", ["public-key"] = PublicKey, ["private-key"] = PrivateKey, ["api-base"] = "http://127.0.0.1:9/",
        }), default)).Id;
        stripeId = (await registry.Find("stripe")!.AddAsync(new ConnectorSetup("Acme", new Dictionary<string, string?>
        {
            ["api-key"] = "rk_test_unused", ["webhook-secret"] = "whsec_routing", ["api-base"] = "http://127.0.0.1:9/",
        }), default)).Id;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
        await database.DisposeAsync();
        Directory.Delete(keys, recursive: true);
    }

    [Fact]
    public async Task A_verified_braintree_notification_is_answered_200_and_enqueued_with_its_payload()
    {
        using var response = await PostBraintreeAsync(braintreeId, BraintreeWebhookSignature.Sign(Payload, PublicKey, PrivateKey), Payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = Assert.Single(Jobs());
        Assert.Equal(typeof(BraintreeWebhookJob), job.Type);
        Assert.Equal([braintreeId, Payload], job.Args.Take(2));
    }

    [Theory]
    [InlineData("wrong private key")]
    [InlineData("another public key")]
    [InlineData("no signature")]
    public async Task A_bad_braintree_signature_is_a_400_and_nothing_is_enqueued(string case_)
    {
        var signature = case_ switch
        {
            "wrong private key" => BraintreeWebhookSignature.Sign(Payload, PublicKey, "guess"),
            "another public key" => BraintreeWebhookSignature.Sign(Payload, "other_public", PrivateKey),
            _ => null,
        };

        using var response = await PostBraintreeAsync(braintreeId, signature, Payload);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Jobs());
    }

    [Theory]
    [InlineData("paypal", false)]
    [InlineData("braintree", true)]
    public async Task An_unknown_provider_or_a_source_of_another_provider_is_a_404(string provider, bool stripeSource)
    {
        var id = stripeSource ? stripeId : braintreeId;
        using var content = Form(BraintreeWebhookSignature.Sign(Payload, PublicKey, PrivateKey), Payload);

        using var response = await client.PostAsync($"/webhooks/{provider}/{id}", content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Jobs());
    }

    [Fact]
    public async Task Stripe_keeps_its_url_and_its_own_job()
    {
        const string payload = """{"id":"evt_1","object":"event","type":"balance.available","created":1700000000,"data":{"object":{"id":"bal"}}}""";
        using var content = new StringContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add("Stripe-Signature", global::Stripe.EventUtility.GenerateSignatureHeader(payload, "whsec_routing", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        using var response = await client.PostAsync($"/webhooks/stripe/{stripeId}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = Assert.Single(Jobs());
        Assert.Equal(typeof(StripeWebhookJob), job.Type);
        Assert.Equal([stripeId, payload], job.Args.Take(2));
    }

    private async Task<HttpResponseMessage> PostBraintreeAsync(long id, string? signature, string payload)
    {
        using var content = Form(signature, payload);
        return await client.PostAsync($"/webhooks/braintree/{id}", content);
    }

    private static FormUrlEncodedContent Form(string? signature, string payload)
    {
        var fields = new List<KeyValuePair<string, string>> { new("bt_payload", payload) };
        if (signature is not null)
        {
            fields.Add(new("bt_signature", signature));
        }

        return new FormUrlEncodedContent(fields);
    }

    /// <summary>Every job enqueued so far (none runs: no server here).</summary>
    private List<Hangfire.Common.Job> Jobs()
    {
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return monitoring.EnqueuedJobs("default", 0, 100).Select(j => monitoring.JobDetails(j.Key).Job).ToList();
    }
}
