using System.Net;
using System.Text.Json.Nodes;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using static Dashboard.Testing.Fakes.StripeFixtures;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// The fake answers as Stripe does for the pinned version, over plain HTTP: arrays of ids are expanded element by element,
/// expansions stop at four levels, <c>limit</c> is 1 to 100, an unknown cursor either way is a 404, the filters it
/// takes are applied (and those it does not apply are refused, never ignored), malformed values are a 400 naming the
/// parameter, subscription items are listed from their subscription, and events are kept for 30 days on the fake's
/// clock (older ones are neither listed nor retrieved).
/// </summary>
public sealed class StripeStrictFakeTests : IAsyncLifetime
{
    private FakeStripeServer stripe = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
        http = new HttpClient { BaseAddress = stripe.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", FakeStripeServer.ApiKey);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await stripe.DisposeAsync();
    }

    [Fact]
    public async Task An_array_of_ids_is_expanded_element_by_element_down_the_path()
    {
        var listed = await GetAsync("v1/subscriptions?status=all&expand[0]=data.discounts.source.coupon");
        var single = await GetAsync("v1/subscriptions/sub_B?expand[0]=discounts");
        var plain = await GetAsync("v1/subscriptions/sub_B");

        var bob = listed["data"]!.AsArray().Single(s => (string?)s!["id"] == "sub_B")!;
        var discount = Assert.Single(bob["discounts"]!.AsArray())!;
        Assert.Equal("di_B", (string?)discount["id"]);
        Assert.Equal(25m, (decimal?)discount["source"]!["coupon"]!["percent_off"]);
        Assert.Equal("co_25", (string?)single["discounts"]![0]!["source"]!["coupon"]);
        Assert.Equal("di_B", (string?)plain["discounts"]![0]);
    }

    [Theory]
    [InlineData("v1/invoices?expand[0]=data.payments.data.payment.payment_intent")]
    [InlineData("v1/subscriptions?expand[0]=data.items.data.price.tiers")]
    [InlineData("v1/invoices/in_A4?expand[0]=payments.data.payment.payment_intent.latest_charge")]
    public async Task An_expansion_deeper_than_four_levels_is_refused_counting_a_lists_data(string path)
    {
        var error = await RefusedAsync(path, HttpStatusCode.BadRequest);

        Assert.Equal("expand", (string?)error["param"]);
        Assert.StartsWith("You cannot expand more than 4 levels", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Four_levels_are_allowed_on_a_list_and_on_one_object()
    {
        var listed = await GetAsync("v1/subscriptions?status=all&expand[0]=data.discounts.source.coupon");
        var single = await GetAsync("v1/invoices/in_A4?expand[0]=payments.data.payment.payment_intent");
        var item = await GetAsync("v1/subscriptions/sub_A?expand[0]=items.data.price.tiers");

        Assert.NotEmpty(listed["data"]!.AsArray());
        Assert.Equal("pi_A4", (string?)single["payments"]!["data"]![0]!["payment"]!["payment_intent"]!["id"]);
        Assert.Equal("price_pro", (string?)item["items"]!["data"]![0]!["price"]!["id"]);
    }

    [Theory]
    [InlineData("0", "This value must be greater than or equal to 1.")]
    [InlineData("-5", "This value must be greater than or equal to 1.")]
    [InlineData("101", "This value must be less than or equal to 100.")]
    [InlineData("1000", "This value must be less than or equal to 100.")]
    [InlineData("abc", "Invalid integer: abc")]
    [InlineData("", "Invalid integer: ")]
    public async Task A_limit_outside_1_to_100_is_refused(string limit, string message)
    {
        var error = await RefusedAsync("v1/customers?limit=" + limit, HttpStatusCode.BadRequest);

        Assert.Equal(("invalid_request_error", "limit", message), ((string?)error["type"], (string?)error["param"], (string?)error["message"]));
    }

    [Fact]
    public async Task Limits_of_1_and_100_are_served()
    {
        var one = await GetAsync("v1/customers?limit=1");
        var hundred = await GetAsync("v1/customers?limit=100");

        Assert.Single(one["data"]!.AsArray());
        Assert.True((bool)one["has_more"]!);
        Assert.Equal(3, hundred["data"]!.AsArray().Count);
        Assert.False((bool)hundred["has_more"]!);
    }

    [Theory]
    [InlineData("ending_before")]
    [InlineData("starting_after")]
    public async Task An_unknown_cursor_either_way_is_a_404_naming_it(string cursor)
    {
        var error = await RefusedAsync($"v1/customers?{cursor}=cus_nope", HttpStatusCode.NotFound);

        Assert.Equal(("invalid_request_error", "resource_missing", cursor), ((string?)error["type"], (string?)error["code"], (string?)error["param"]));
        Assert.Equal("No such customer: 'cus_nope'", (string?)error["message"]);
    }

    [Fact]
    public async Task A_known_ending_before_lists_the_newer_objects()
    {
        var page = await GetAsync("v1/customers?ending_before=cus_A");

        Assert.Equal(["cus_C", "cus_B"], page["data"]!.AsArray().Select(c => (string?)c!["id"]));
    }

    [Fact]
    public async Task Both_cursors_at_once_are_refused()
    {
        var error = await RefusedAsync("v1/customers?starting_after=cus_A&ending_before=cus_C", HttpStatusCode.BadRequest);

        Assert.Equal("ending_before", (string?)error["param"]);
    }

    [Fact]
    public async Task The_filters_the_connector_uses_are_applied()
    {
        stripe.Put("products", Product("prod_other", "Other", StripeScenario.Jan1 - 10));
        stripe.Put("prices", Price("price_other", "prod_other", 700, StripeScenario.Jan1 - 5));
        var draft = Invoice("in_draft", "cus_C", "sub_C", "draft", StripeScenario.Apr1, StripeScenario.Apr1, StripeScenario.Apr1,
            Line("il_draft", "in_draft", "sub_C", "si_C1", "price_basic", 2000, 1, StripeScenario.Apr1, StripeScenario.Apr1 + 30 * 86_400));
        stripe.Put("invoices", draft);

        Assert.Equal(["price_other"], await IdsAsync("v1/prices?product=prod_other"));
        Assert.Equal(["price_api", "price_pro"], await IdsAsync("v1/prices?product=prod_pro"));
        Assert.Equal(["price_api", "price_pro"], await IdsAsync("v1/prices?type=recurring&currency=usd&active=true&product=prod_pro"));
        Assert.Empty(await IdsAsync("v1/prices?type=one_time"));
        Assert.Empty(await IdsAsync("v1/prices?currency=eur"));
        Assert.Equal(["in_draft"], await IdsAsync("v1/invoices?status=draft"));
        Assert.DoesNotContain("in_draft", await IdsAsync("v1/invoices?status=paid&limit=100"));
        Assert.Equal(["sub_A"], await IdsAsync("v1/subscriptions?price=price_pro"));
        Assert.Equal(["sub_C"], await IdsAsync("v1/subscriptions?price=price_basic"));
        Assert.Equal(["sub_C", "sub_B"], await IdsAsync("v1/subscriptions?plan=price_basic&status=all"));
        Assert.Equal(["sub_B"], await IdsAsync("v1/subscriptions?status=canceled"));
        Assert.Equal(["sub_B"], await IdsAsync("v1/subscriptions?status=ended"));
        Assert.Equal(["sub_C", "sub_A"], await IdsAsync("v1/subscriptions"));
        Assert.Equal(["sub_C", "sub_A"], await IdsAsync("v1/subscriptions?status=active&collection_method=charge_automatically"));
        Assert.Empty(await IdsAsync("v1/subscriptions?status=past_due"));
        Assert.Empty(await IdsAsync("v1/subscriptions?collection_method=send_invoice"));
        Assert.Equal(["re_A3"], await IdsAsync("v1/refunds?charge=ch_A3"));
        Assert.Equal(["ch_A4"], await IdsAsync("v1/charges?payment_intent=pi_A4"));
        Assert.Equal(["cus_B"], await IdsAsync("v1/customers?email=bob@example.de"));
    }

    [Theory]
    [InlineData("v1/subscriptions?status=bogus", "status", "Invalid status: must be one of active, all, canceled, ended, incomplete, incomplete_expired, past_due, paused, trialing, or unpaid")]
    [InlineData("v1/invoices?status=unpaid", "status", "Invalid status: must be one of draft, open, paid, uncollectible, or void")]
    [InlineData("v1/prices?active=yes", "active", "Invalid boolean: yes")]
    [InlineData("v1/customers?created[gte]=abc", "created[gte]", "Invalid integer: abc")]
    [InlineData("v1/customers?created=soon", "created", "Invalid integer: soon")]
    [InlineData("v1/customers?created[foo]=1", "created[foo]", "Received unknown parameter: created[foo]")]
    [InlineData("v1/customers?email[x]=a", "email[x]", "Received unknown parameter: email[x]")]
    [InlineData("v1/subscriptions?customer=", "customer", "You passed an empty string for 'customer'. We assume empty values are an attempt to unset a parameter; however 'customer' cannot be unset. You should remove 'customer' from your request or supply a non-empty value.")]
    [InlineData("v1/subscription_items", "subscription", "Missing required param: subscription.")]
    public async Task A_malformed_parameter_is_a_400_naming_it_never_a_500(string path, string param, string message)
    {
        var error = await RefusedAsync(path, HttpStatusCode.BadRequest);

        Assert.Equal(("invalid_request_error", param, message), ((string?)error["type"], (string?)error["param"], (string?)error["message"]));
    }

    [Theory]
    [InlineData("v1/subscriptions?current_period_end[gte]=1", "current_period_end[gte]")]
    [InlineData("v1/invoices?due_date=1", "due_date")]
    [InlineData("v1/prices?lookup_keys[0]=basic", "lookup_keys[0]")]
    [InlineData("v1/charges?transfer_group=g", "transfer_group")]
    public async Task A_filter_Stripe_has_but_the_fake_does_not_apply_is_refused_not_ignored(string path, string param)
    {
        var error = await RefusedAsync(path, HttpStatusCode.BadRequest);

        Assert.Equal(param, (string?)error["param"]);
    }

    [Fact]
    public async Task Subscription_items_are_listed_from_their_subscription_and_a_subscription_embeds_ten()
    {
        var pro = stripe.Get("price_pro");
        var items = Enumerable.Range(1, 12)
            .Select(i => Item($"si_M{i:D2}", "sub_M", pro, 1, StripeScenario.Mar1, StripeScenario.Apr1, StripeScenario.Jan1 + i))
            .ToArray();
        stripe.Put("subscriptions", Subscription("sub_M", "cus_A", "active", StripeScenario.Jan1, items));

        var single = await GetAsync("v1/subscriptions/sub_M");
        var first = await GetAsync("v1/subscription_items?subscription=sub_M&limit=5");
        var all = await GetAsync("v1/subscription_items?subscription=sub_M&limit=100");
        var missing = await RefusedAsync("v1/subscription_items?subscription=sub_nope", HttpStatusCode.NotFound);

        Assert.Equal(FakeStripeServer.EmbeddedListLimit, single["items"]!["data"]!.AsArray().Count);
        Assert.True((bool)single["items"]!["has_more"]!);
        Assert.Equal(5, first["data"]!.AsArray().Count);
        Assert.True((bool)first["has_more"]!);
        Assert.Equal(items.Select(i => (string)i["id"]!).Reverse(), all["data"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.Equal("/v1/subscription_items", (string?)all["url"]);
        Assert.Equal(("subscription", "resource_missing"), ((string?)missing["param"], (string?)missing["code"]));
        Assert.Equal(12, stripe.Get("sub_M")["items"]!["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_event_of_29_days_is_listed_and_retrieved_and_one_of_31_days_is_gone()
    {
        var now = new DateTimeOffset(2024, 4, 1, 12, 0, 0, TimeSpan.Zero);
        stripe.Clock = new FixedTimeProvider(now);
        stripe.Put("events",
            Event("evt_31_days", "customer.updated", now.AddDays(-31).ToUnixTimeSeconds(), stripe.Get("cus_A")),
            Event("evt_29_days", "customer.updated", now.AddDays(-29).ToUnixTimeSeconds(), stripe.Get("cus_B")));

        Assert.Equal(["evt_29_days"], await IdsAsync("v1/events"));
        Assert.Equal(["evt_29_days"], await IdsAsync("v1/events?type=customer.updated&created[gte]=" + now.AddDays(-40).ToUnixTimeSeconds()));
        Assert.Equal("evt_29_days", (string?)(await GetAsync("v1/events/evt_29_days"))["id"]);

        // Gone as an id Stripe never had: the same resource_missing 404 as an unknown event, retrieved or as a cursor.
        var retrieved = await RefusedAsync("v1/events/evt_31_days", HttpStatusCode.NotFound);
        var unknown = await RefusedAsync("v1/events/evt_nope", HttpStatusCode.NotFound);
        var cursor = await RefusedAsync("v1/events?ending_before=evt_31_days", HttpStatusCode.NotFound);
        Assert.Equal(("invalid_request_error", "resource_missing", "id", "No such event: 'evt_31_days'"),
            ((string?)retrieved["type"], (string?)retrieved["code"], (string?)retrieved["param"], (string?)retrieved["message"]));
        Assert.Equal(((string?)unknown["type"], (string?)unknown["code"], (string?)unknown["param"]),
            ((string?)retrieved["type"], (string?)retrieved["code"], (string?)retrieved["param"]));
        Assert.Equal(("resource_missing", "ending_before"), ((string?)cursor["code"], (string?)cursor["param"]));
    }

    [Fact]
    public async Task An_event_ages_out_when_the_fakes_clock_moves_past_its_30_days()
    {
        var created = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FixedTimeProvider(created.AddDays(30));
        stripe.Clock = clock;
        stripe.Put("events", Event("evt_march", "customer.updated", created.ToUnixTimeSeconds(), stripe.Get("cus_A")));

        Assert.Equal(["evt_march"], await IdsAsync("v1/events"));

        clock.Now = created.AddDays(30).AddSeconds(1);
        Assert.Empty(await IdsAsync("v1/events"));
        await RefusedAsync("v1/events/evt_march", HttpStatusCode.NotFound);

        // Other objects are kept for ever: only events have the 30 days.
        Assert.Equal("cus_A", (string?)(await GetAsync("v1/customers/cus_A"))["id"]);
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private async Task<List<string?>> IdsAsync(string path) =>
        (await GetAsync(path))["data"]!.AsArray().Select(o => (string?)o!["id"]).ToList();

    private async Task<JsonNode> RefusedAsync(string path, HttpStatusCode status)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!["error"]!;
    }
}
