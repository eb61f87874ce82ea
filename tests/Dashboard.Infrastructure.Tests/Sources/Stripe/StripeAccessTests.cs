using System.Net.Http;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Events;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Testing.Fakes.StripeFixtures;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// What real accounts answer that a happy path does not: an object gone by the time its event is handled, a restricted
/// key that may not read test clocks, and connections that must not live forever.
/// </summary>
public sealed class StripeAccessTests : IAsyncLifetime
{
    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task An_event_whose_object_Stripe_no_longer_has_is_done_with_a_note_not_a_failed_job()
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
        await harness.SyncAsync();
        var before = await harness.SnapshotAsync();
        // A draft invoice deleted before its invoice.created job ran: Stripe answers 404 resource_missing.
        var draft = Invoice("in_deleted_draft", "cus_A", "sub_A", "draft", StripeScenario.Mar1, StripeScenario.Mar1, StripeScenario.Apr1);
        var payload = stripe.WebhookPayload(Event("evt_gone", "invoice.created", StripeScenario.Mar1, draft)).ToJsonString();
        var receiver = harness.Services.GetRequiredService<StripeWebhookReceiver>();
        await receiver.VerifyAsync(harness.SourceId, payload, Sign(payload), default);

        await harness.Services.GetRequiredService<StripeWebhookJob>().ApplyAsync(harness.SourceId, payload, default);

        await using var db = harness.Database.CreateContext();
        var record = await db.Set<StripeEventRecord>().SingleAsync(e => e.SourceId == harness.SourceId && e.EventId == "evt_gone");
        Assert.Equal((StripeEventStatus.Applied, 1), (record.Status, record.Attempts));
        Assert.Contains("no longer has", record.LastError, StringComparison.Ordinal);
        Assert.Equal(before, await harness.SnapshotAsync());
    }

    [Fact]
    public async Task A_restricted_key_without_the_test_clocks_permission_imports_the_account_without_clocks_and_says_so()
    {
        var clocked = Customer("cus_clock", "clock@example.com", "Clocked", "US", StripeScenario.Jan1);
        clocked["test_clock"] = "clock_1";
        stripe.Put("test_clocks", TestClock("clock_1", "Renewals", StripeScenario.Mar1, StripeScenario.Jan1));
        stripe.Put("customers", clocked);
        await using var harness = await StripeSyncHarness.CreateAsync(
            DatabaseProvider.Sqlite, stripe.BaseUri, apiKey: FakeStripeServer.NoTestClocksApiKey);

        await harness.SyncAsync();

        var snapshot = await harness.SnapshotAsync();
        Assert.Contains("customer cus_A ", snapshot, StringComparison.Ordinal);
        Assert.Contains("subscription sub_A ", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("cus_clock", snapshot, StringComparison.Ordinal);
        Assert.Contains($"error {StripeSynchronizer.TestClocksKind} permission", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Stripe_http_client_recycles_its_pooled_connections()
    {
        using var services = StripeTestServices.Create();
        HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(StripeApi.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.Equal(StripeApi.ConnectionLifetime, sockets.PooledConnectionLifetime);
        Assert.True(StripeApi.ConnectionLifetime < TimeSpan.FromHours(1));
    }

    private static string Sign(string payload) =>
        Sdk.EventUtility.GenerateSignatureHeader(payload, StripeSyncHarness.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
