using System.Net;
using System.Net.Sockets;
using System.Text;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sources;
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
/// The webhook endpoint over HTTP with a job server running: 400 for a bad signature, 404 for an unknown source, 200 for
/// a verified event whose processing is a background job.
/// </summary>
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
        builder.Services.AddSingleton(database.Options);
        builder.Services.AddBackgroundJobs(builder.Configuration, runServer: true);
        app = builder.Build();
        app.MapConnectorWebhooks();
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
    public async Task A_verified_event_is_accepted_and_processed_by_a_background_job()
    {
        // A type the dashboard does not need: verified, acknowledged, nothing to fetch.
        var payload = """{"id":"evt_1","object":"event","type":"balance.available","created":1700000000,"data":{"object":{"id":"bal"}}}""";

        using var response = await PostAsync(sourceId, payload, global::Stripe.EventUtility.GenerateSignatureHeader(payload, Secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await JobWaits.UntilAsync(() => WebhookJobs().Count == 1, () => "the webhook's job");
        var job = Assert.Single(WebhookJobs());
        await JobWaits.WaitForStateAsync(Storage, job.Id, "Succeeded");
        Assert.Equal([sourceId, payload], job.Arguments);
    }

    [Fact]
    public async Task A_verified_but_unreadable_event_is_answered_200_and_its_job_records_a_sync_error()
    {
        const string payload = "not json";

        using var response = await PostAsync(sourceId, payload, global::Stripe.EventUtility.GenerateSignatureHeader(payload, Secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await JobWaits.UntilAsync(() => WebhookJobs().Count == 1, () => "the webhook's job");
        await JobWaits.WaitForStateAsync(Storage, Assert.Single(WebhookJobs()).Id, "Succeeded");
        await using var db = database.CreateContext();
        Assert.Equal("(unreadable)", Assert.Single(db.SyncErrors.Where(e => e.SourceId == sourceId && e.Kind == "webhooks")).ExternalId);
    }

    [Theory]
    [InlineData("whsec_wrong", 0)]
    [InlineData(Secret, -10)]
    [InlineData(Secret, 10)]
    [InlineData(null, 0)]
    public async Task A_bad_or_stale_signature_is_a_400(string? secret, int minutes)
    {
        const string payload = """{"id":"evt_2","object":"event","type":"customer.deleted","created":1700000000,"data":{"object":{"id":"cus_1"}}}""";
        var header = secret is null ? null : global::Stripe.EventUtility.GenerateSignatureHeader(payload, secret, (DateTimeOffset.UtcNow.AddMinutes(minutes)).ToUnixTimeSeconds());

        using var response = await PostAsync(sourceId, payload, header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(WebhookJobs());
    }

    [Fact]
    public async Task A_timestamp_that_is_not_a_number_is_a_400_even_with_a_matching_signature()
    {
        const string payload = """{"id":"evt_4","object":"event","type":"customer.deleted","created":1700000000,"data":{"object":{"id":"cus_1"}}}""";

        using var response = await PostAsync(sourceId, payload, "t=soon,v1=" + global::Stripe.EventUtility.ComputeSignature(Secret, "soon", payload));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(WebhookJobs());
    }

    [Fact]
    public async Task Two_v1_signatures_while_the_secret_is_rolled_are_accepted_when_one_is_the_secrets()
    {
        const string payload = """{"id":"evt_5","object":"event","type":"balance.available","created":1700000000,"data":{"object":{"id":"bal"}}}""";
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string V1(string secret) => global::Stripe.EventUtility.ComputeSignature(secret, t, payload);

        using var response = await PostAsync(sourceId, payload, $"t={t},v1={V1("whsec_rolled_out")},v1={V1(Secret)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await JobWaits.UntilAsync(() => WebhookJobs().Count == 1, () => "the webhook's job");
    }

    [Fact]
    public async Task An_unknown_source_is_a_404()
    {
        const string payload = """{"id":"evt_3"}""";

        using var response = await PostAsync(sourceId + 100, payload, global::Stripe.EventUtility.GenerateSignatureHeader(payload, Secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(WebhookJobs());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_before_the_rest_is_read()
    {
        // One chunk a byte over the 1 MB limit and no end of the body: the answer can only come from a server that
        // stops at the limit instead of reading on (a 40 MB chunked body used to be read up to Kestrel's 30 MB).
        const int size = 1024 * 1024 + 1;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port);
        var stream = tcp.GetStream();
        var signature = global::Stripe.EventUtility.GenerateSignatureHeader("{}", Secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var head = $"POST /webhooks/stripe/{sourceId} HTTP/1.1\r\nHost: {client.BaseAddress.Authority}\r\nContent-Type: application/json\r\n" +
            $"Transfer-Encoding: chunked\r\nStripe-Signature: {signature}\r\n\r\n" +
            $"{size:x}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(new string('x', size)));

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var answer = await ReadResponseAsync(stream, timeout.Token);

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("larger than 1048576 bytes", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", answer, StringComparison.Ordinal);
        Assert.Empty(WebhookJobs());
    }

    /// <summary>The status line, headers and a body of the announced length.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var lengthLine = text[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (received.Count >= end + 4 + length)
                {
                    return text;
                }
            }

            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return text;
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    private JobStorage Storage => app.Services.GetRequiredService<JobStorage>();

    /// <summary>Every webhook job created so far, whatever its state, with its id and arguments.</summary>
    private List<(string Id, object?[] Arguments)> WebhookJobs()
    {
        var monitoring = Storage.GetMonitoringApi();
        var ids = monitoring.EnqueuedJobs("default", 0, 100).Select(j => j.Key)
            .Concat(monitoring.ProcessingJobs(0, 100).Select(j => j.Key))
            .Concat(monitoring.SucceededJobs(0, 100).Select(j => j.Key))
            .Concat(monitoring.FailedJobs(0, 100).Select(j => j.Key))
            .Concat(monitoring.ScheduledJobs(0, 100).Select(j => j.Key))
            .Distinct();
        return ids.Select(id => (id, monitoring.JobDetails(id).Job))
            .Where(j => j.Job.Type == typeof(StripeWebhookJob))
            .Select(j => (j.id, j.Job.Args.Take(2).ToArray()))
            .ToList();
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
