using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// Changes Stripe's objects do not date are dated by the events that announced them, at the event's <c>created</c>:
/// a paused collection (and its end) by its webhook, however late the job runs, and in a full import by the
/// <c>customer.subscription.updated</c> events Stripe still keeps; a customer's deletion by its <c>customer.deleted</c>
/// event, from a webhook or, in a full import, from the events Stripe still keeps (30 days). Older changes fall back.
/// </summary>
public sealed class StripeEventDateTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Mar5 = At("2024-03-05T00:00:00Z"), PausedAt = At("2024-03-12T10:00:00Z"),
        ResumedAt = At("2024-03-20T00:00:00Z"), Mar20 = At("2024-03-20T00:00:00Z"), DeletedAt = At("2024-03-25T10:00:00Z");

    private FakeStripeServer stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_paused_collection_delivered_by_webhook_is_dated_at_its_event_however_late_the_job_runs(DatabaseProvider provider)
    {
        // Carol pauses collection on 12 March 10:00 and resumes it on 20 March. One job runs each webhook a minute
        // after its event, the other days later (Hangfire was down, then retried): both store the same history.
        var prompt = await DeliverPauseAndResumeAsync(provider, TimeSpan.FromMinutes(1));
        var late = await DeliverPauseAndResumeAsync(provider, TimeSpan.FromDays(6));

        List<string> expected =
        [
            "2024-02-01 00:00 price_basic x1 -0 Active",
            "2024-03-12 10:00 price_basic x1 -0 Paused",
            "2024-03-20 00:00 price_basic x1 -0 Active",
        ];
        Assert.Equal(expected, prompt);
        Assert.Equal(expected, late);
        Assert.Empty(stripe.Refusals);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_full_import_dates_a_paused_collection_at_its_recent_event_and_falls_back_to_the_sync_for_an_older_one(DatabaseProvider provider)
    {
        PauseCarol();
        stripe.Put("events", Event("evt_pause", "customer.subscription.updated", PausedAt.ToUnixTimeSeconds(), stripe.Get("sub_C"),
            new JsonObject { ["pause_collection"] = null }));
        // Another subscription's event that does not touch pause_collection tells nothing about Carol's pause.
        stripe.Put("events", Event("evt_other", "customer.subscription.updated", PausedAt.ToUnixTimeSeconds() + 60, stripe.Get("sub_A"),
            new JsonObject { ["cancel_at_period_end"] = true }));

        // Within Stripe's 30 days the event dates the pause; 49 days later it is gone and the sync's time is all there is.
        await using var recent = await ImportAsync(provider, At("2024-03-30T08:00:00Z"));
        await using var older = await ImportAsync(provider, At("2024-04-30T08:00:00Z"));

        Assert.Equal(["2024-02-01 00:00 price_basic x1 -0 Active", "2024-03-12 10:00 price_basic x1 -0 Paused"], await recent.StatesAsync("sub_C"));
        Assert.Equal(["2024-02-01 00:00 price_basic x1 -0 Active", "2024-04-30 08:00 price_basic x1 -0 Paused"], await older.StatesAsync("sub_C"));
        Assert.Empty(stripe.Refusals);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_full_import_closes_a_stored_pause_at_the_recent_event_that_ended_it(DatabaseProvider provider)
    {
        PauseCarol();
        stripe.Put("events", Event("evt_pause", "customer.subscription.updated", PausedAt.ToUnixTimeSeconds(), stripe.Get("sub_C"),
            new JsonObject { ["pause_collection"] = null }));
        var clock = new FixedTimeProvider(At("2024-03-15T00:00:00Z"));
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(provider, stripe, clock);
        await harness.SyncAsync();
        Assert.Equal(["2024-02-01 00:00 price_basic x1 -0 Active", "2024-03-12 10:00 price_basic x1 -0 Paused"], await harness.StatesAsync("sub_C"));

        // Carol resumes on 25 March; the next sync comes on 20 April, after the events cursor's 30 days, so it re-imports
        // everything: the resume event (still kept) closes the stored pause, not the sync's clock.
        var resumed = stripe.Get("sub_C").DeepClone().AsObject();
        resumed["pause_collection"] = null;
        stripe.Put("subscriptions", resumed);
        stripe.Put("events", Event("evt_resume", "customer.subscription.updated", T("2024-03-25"), resumed,
            new JsonObject { ["pause_collection"] = new JsonObject { ["behavior"] = "void", ["resumes_at"] = null } }));
        clock.Now = At("2024-04-20T00:00:00Z");
        await harness.SyncAsync();

        Assert.Equal(
            ["2024-02-01 00:00 price_basic x1 -0 Active", "2024-03-12 10:00 price_basic x1 -0 Paused", "2024-03-25 00:00 price_basic x1 -0 Active"],
            await harness.StatesAsync("sub_C"));
        Assert.Empty(stripe.Refusals);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_full_import_dates_a_deleted_customer_at_its_recent_customer_deleted_event_and_infers_an_older_one(DatabaseProvider provider)
    {
        // Carol's subscription ended on 20 March; Carol herself was deleted on 25 March, five days later.
        CancelAndDeleteCarol(withEvent: true);

        await using var recent = await ImportAsync(provider, At("2024-04-02T00:00:00Z"));
        await using var older = await ImportAsync(provider, At("2024-05-10T00:00:00Z"));

        Assert.Equal((DeletedAt, DeletedAt), await DeletionAsync(recent));
        // The event is past Stripe's 30 days: the deletion is inferred from the latest instant her objects show.
        Assert.Equal((Mar20, Mar20), await DeletionAsync(older));
        Assert.Empty(stripe.Refusals);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_customer_deleted_webhook_replaces_the_deletion_time_a_full_import_inferred(DatabaseProvider provider)
    {
        CancelAndDeleteCarol(withEvent: false);
        await using var harness = await ImportAsync(provider, At("2024-03-26T00:00:00Z"));
        Assert.Equal((Mar20, Mar20), await DeletionAsync(harness));

        var deleted = Event("evt_carol_deleted", "customer.deleted", DeletedAt.ToUnixTimeSeconds(), Customer("cus_C", "carol@example.co.uk", "Carol", "GB", StripeScenario.Feb1));
        await harness.Services.GetRequiredService<StripeWebhookJob>().ApplyAsync(harness.SourceId, stripe.WebhookPayload(deleted).ToJsonString(), default);

        Assert.Equal((DeletedAt, DeletedAt), await DeletionAsync(harness));
    }

    [Fact]
    public async Task The_fake_filters_events_by_type_types_and_created_and_refuses_type_with_types_as_Stripe_does()
    {
        // On 5 March every event below is within the 30 days Stripe keeps events.
        stripe.Clock = new FixedTimeProvider(Mar5);
        stripe.Put("events",
            Event("evt_1", "customer.deleted", T("2024-03-01"), stripe.Get("cus_C")),
            Event("evt_2", "customer.subscription.updated", T("2024-03-02"), stripe.Get("sub_C"), new JsonObject { ["pause_collection"] = null }),
            Event("evt_3", "customer.updated", T("2024-03-03"), stripe.Get("cus_A"), new JsonObject { ["email"] = "old@example.com" }),
            Event("evt_4", "invoice.paid", T("2024-03-04"), stripe.Get("in_A4")));
        using var http = new HttpClient { BaseAddress = stripe.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", FakeStripeServer.ApiKey);

        async Task<List<string?>> IdsAsync(string query) =>
            JsonNode.Parse(await http.GetStringAsync("v1/events?" + query))!["data"]!.AsArray().Select(e => (string?)e!["id"]).ToList();

        Assert.Equal(["evt_1"], await IdsAsync("type=customer.deleted"));
        Assert.Equal(["evt_3", "evt_2", "evt_1"], await IdsAsync("type=customer.*"));
        Assert.Equal(["evt_4", "evt_1"], await IdsAsync("types[0]=customer.deleted&types[1]=invoice.paid"));
        Assert.Equal(["evt_3", "evt_2"], await IdsAsync("type=customer.*&created[gte]=" + T("2024-03-02")));
        var previous = JsonNode.Parse(await http.GetStringAsync("v1/events?type=customer.subscription.updated"))!["data"]![0]!["data"]!;
        Assert.True(previous["previous_attributes"]!.AsObject().ContainsKey("pause_collection"));
        Assert.Equal(FakeStripeServer.AccountApiVersion, (string?)JsonNode.Parse(await http.GetStringAsync("v1/events?type=customer.deleted"))!["data"]![0]!["api_version"]);

        using var both = await http.GetAsync("v1/events?type=customer.deleted&types[0]=invoice.paid");
        using var unknown = await http.GetAsync("v1/events?object_id=sub_C");
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        var error = JsonNode.Parse(await both.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(("invalid_request_error", "types"), ((string?)error["type"], (string?)error["param"]));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("object_id", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]!["param"]);
    }

    /// <summary>
    /// A store synced on 5 March, then Carol's pause and resume webhooks, each job run <paramref name="delay"/> after its
    /// event (the clock of the job), while Stripe shows the subscription as it is at that moment.
    /// </summary>
    private async Task<List<string>> DeliverPauseAndResumeAsync(DatabaseProvider provider, TimeSpan delay)
    {
        StripeScenario.Load(stripe);
        var clock = new FixedTimeProvider(Mar5);
        await using var harness = await StripeSyncHarness.CreateOnClockAsync(provider, stripe, clock);
        await harness.SyncAsync();
        var job = harness.Services.GetRequiredService<StripeWebhookJob>();

        var paused = PauseCarol();
        clock.Now = PausedAt + delay;
        var pause = Event("evt_pause", "customer.subscription.updated", PausedAt.ToUnixTimeSeconds(), paused,
            new JsonObject { ["pause_collection"] = null });
        await job.ApplyAsync(harness.SourceId, stripe.WebhookPayload(pause).ToJsonString(), default);

        var resumed = stripe.Get("sub_C").DeepClone().AsObject();
        resumed["pause_collection"] = null;
        stripe.Put("subscriptions", resumed);
        clock.Now = ResumedAt + delay;
        var resume = Event("evt_resume", "customer.subscription.updated", ResumedAt.ToUnixTimeSeconds(), resumed,
            new JsonObject { ["pause_collection"] = new JsonObject { ["behavior"] = "void", ["resumes_at"] = null } });
        await job.ApplyAsync(harness.SourceId, stripe.WebhookPayload(resume).ToJsonString(), default);

        return await harness.StatesAsync("sub_C");
    }

    /// <summary>Carol's collection paused (void, no resume date), as Stripe shows her subscription now.</summary>
    private JsonObject PauseCarol()
    {
        var subscription = stripe.Get("sub_C").DeepClone().AsObject();
        subscription["pause_collection"] = new JsonObject { ["behavior"] = "void", ["resumes_at"] = null };
        stripe.Put("subscriptions", subscription);
        return subscription;
    }

    /// <summary>
    /// Carol's subscription is cancelled on 20 March and she is deleted on 25 March: Stripe drops her from the customers
    /// list and, when <paramref name="withEvent"/>, lists the customer.deleted event.
    /// </summary>
    private void CancelAndDeleteCarol(bool withEvent)
    {
        if (withEvent)
        {
            stripe.Put("events", Event("evt_carol_deleted", "customer.deleted", DeletedAt.ToUnixTimeSeconds(), stripe.Get("cus_C")));
        }

        var subscription = stripe.Get("sub_C").DeepClone().AsObject();
        subscription["status"] = "canceled";
        subscription["canceled_at"] = Mar20.ToUnixTimeSeconds();
        subscription["ended_at"] = Mar20.ToUnixTimeSeconds();
        stripe.Put("subscriptions", subscription);
        stripe.DeleteCustomer("cus_C");
    }

    /// <summary>A full import into an empty store with the clock at <paramref name="now"/>.</summary>
    private async Task<StripeSyncHarness> ImportAsync(DatabaseProvider provider, DateTimeOffset now)
    {
        var harness = await StripeSyncHarness.CreateOnClockAsync(provider, stripe, new FixedTimeProvider(now));
        await harness.SyncAsync();
        return harness;
    }

    /// <summary>When Carol and her subscription are marked deleted (the minimum value when not marked).</summary>
    private static async Task<(DateTimeOffset Customer, DateTimeOffset Subscription)> DeletionAsync(StripeSyncHarness harness)
    {
        await using var db = harness.Database.CreateContext();
        var carol = await db.Customers.SingleAsync(c => c.SourceId == harness.SourceId && c.ExternalId == "cus_C");
        var subscription = await db.Subscriptions.SingleAsync(s => s.SourceId == harness.SourceId && s.ExternalId == "sub_C");
        return (carol.DeletedAt ?? DateTimeOffset.MinValue, subscription.DeletedAt ?? DateTimeOffset.MinValue);
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
