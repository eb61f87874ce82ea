using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Dashboard.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// The full import's single invoice list: it must give exactly the store the per-subscription invoice reads give,
/// whether it holds every invoice, only the newest ones (the rest read per subscription), or none.
/// </summary>
public sealed class StripeInvoiceIndexTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FakeStripeServer stripe = null!;
    private string reference = null!;
    private int perSubscriptionInvoiceRequests;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
        await using var withoutIndex = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 2, configure: Limit(0));
        var before = stripe.RequestCount("v1/invoices");
        await withoutIndex.SyncAsync();
        perSubscriptionInvoiceRequests = stripe.RequestCount("v1/invoices") - before;
        reference = await withoutIndex.SnapshotAsync();
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Reading_all_invoices_in_one_list_gives_the_same_store_with_one_request_per_page(DatabaseProvider provider)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(provider, stripe.BaseUri, pageSize: 2);
        var before = stripe.RequestCount("v1/invoices");

        await harness.SyncAsync();

        Assert.Equal(reference, await harness.SnapshotAsync());
        // The scenario's 9 invoices in pages of 2: 5 requests, whatever the number of subscriptions.
        Assert.Equal(5, stripe.RequestCount("v1/invoices") - before);
        Assert.True(perSubscriptionInvoiceRequests >= 3, $"without the index each subscription reads its invoices ({perSubscriptionInvoiceRequests})");
        Assert.Contains("subscription sub_A", reference, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task An_index_cut_at_its_limit_leaves_older_subscriptions_to_read_their_own_invoices(int limit)
    {
        await using var harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri, pageSize: 2, configure: Limit(limit));

        await harness.SyncAsync();

        Assert.Equal(reference, await harness.SnapshotAsync());
    }

    [Fact]
    public async Task The_index_covers_only_subscriptions_newer_than_the_oldest_invoice_it_read()
    {
        await using var services = StripeTestServices.Create(pageSize: 2);
        var client = services.GetRequiredService<IStripeApi>();
        var connection = new StripeConnection(stripe.BaseUri, FakeStripeServer.ApiKey);

        // Pages of 2, newest first: Mar 1 ×2, Feb 24 + Feb 15, Feb 1 ×2, Jan 24 + Jan 10; a limit of 7 stops after Jan 10.
        var cut = await StripeInvoiceIndex.ReadAsync(client, connection, 7, default);
        var all = await StripeInvoiceIndex.ReadAsync(client, connection, 1000, default);

        Assert.Equal(8, cut.Count);
        Assert.Equal(["in_C2", "in_C1"], cut.InvoicesOf(Subscription("sub_C", StripeScenario.Feb1))!.Select(i => i.Id));
        Assert.Null(cut.InvoicesOf(Subscription("sub_B", StripeScenario.Jan10)));
        Assert.Null(cut.InvoicesOf(Subscription("sub_A", StripeScenario.Jan1)));
        Assert.Equal(9, all.Count);
        var invoicesOfA = all.InvoicesOf(Subscription("sub_A", StripeScenario.Jan1))!;
        Assert.Equal(["in_A4", "in_A3", "in_A2", "in_A1"], invoicesOfA.Select(i => i.Id));
        Assert.All(invoicesOfA, i => Assert.Single(i.Payments!.Data));
        Assert.Equal(5, all.Count);

        // Taken invoices leave the index: asked again (a list restarted from a time), the subscription reads its own.
        Assert.Null(all.InvoicesOf(Subscription("sub_A", StripeScenario.Jan1)));
        Assert.Empty(all.InvoicesOf(Subscription("sub_new", StripeScenario.Apr1))!);
        Assert.Null(StripeInvoiceIndex.Empty.InvoicesOf(Subscription("sub_C", StripeScenario.Feb1)));
    }

    [Theory]
    [InlineData("send_invoice")]
    [InlineData("charge_automatically")]
    public void An_indexed_invoice_keeps_its_collection_method_for_the_dunning_rule(string method)
    {
        // The dunning rule leaves send_invoice invoices out; an index that dropped the field made every one look automatic.
        var invoice = new global::Stripe.Invoice { Id = "in_1", Status = "paid", CollectionMethod = method, Created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Lines = new global::Stripe.StripeList<global::Stripe.InvoiceLineItem> { Data = [] } };

        Assert.Equal(method, IndexedInvoice.Of(invoice).ToInvoice().CollectionMethod);
    }

    [Fact]
    public async Task The_index_holds_its_limit_of_invoices_in_a_bounded_heap()
    {
        await using var synthetic = await SyntheticStripeServer.StartAsync(12_000);
        await using var services = StripeTestServices.Create(pageSize: 100);
        var client = services.GetRequiredService<IStripeApi>();
        var connection = new StripeConnection(synthetic.BaseUri, FakeStripeServer.ApiKey);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var index = await StripeInvoiceIndex.ReadAsync(client, connection, 10_000, default);
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;

        output.WriteLine(FormattableString.Invariant($"{index.Count} invoices held in {held / 1048576.0:0.0} MiB = {held / index.Count} bytes each"));
        Assert.Equal(10_000, index.Count);
        // Process-wide figure: tests running beside this one add to it, hence the margin over the ~1.8 KB measured alone.
        Assert.InRange(held, 0, 10_000 * 4_096L);
        Assert.Single(index.InvoicesOf(Subscription("sub_00011999", long.MaxValue - 1))!);
        Assert.Null(index.InvoicesOf(Subscription("sub_00000001", 0)));
        GC.KeepAlive(index);
    }

    [Theory]
    [InlineData(0, 1_100)]
    [InlineData(1_000, 2_100)]
    public async Task Along_the_subscriptions_pass_the_index_holds_about_a_group_and_reads_each_invoice_page_once(int readAhead, int most)
    {
        await using var synthetic = await SyntheticStripeServer.StartAsync(5_000);
        await using var services = StripeTestServices.Create(pageSize: 100);
        var client = services.GetRequiredService<IStripeApi>();
        var connection = new StripeConnection(synthetic.BaseUri, FakeStripeServer.ApiKey);
        var index = StripeInvoiceIndex.Over(client, connection, 2_000, readAhead);
        var start = DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        var largest = 0;

        // Groups of 1,000 subscriptions, newest first, as the pass writes them: subscription i was created at start + i.
        for (var first = 4_999; first >= 0; first -= 1_000)
        {
            var group = Enumerable.Range(0, 1_000).Select(k => first - k)
                .Select(i => Subscription(FormattableString.Invariant($"sub_{i:D8}"), start + i)).ToList();
            await index.CoverAsync(group.Min(s => s.Created), default);
            largest = Math.Max(largest, index.Count);
            foreach (var subscription in group)
            {
                Assert.Equal(FormattableString.Invariant($"in_{subscription.Id[4..]}"), Assert.Single(index.InvoicesOf(subscription)!).Id);
            }
        }

        // A 5,000-invoice account under a 2,000-invoice limit: every subscription covered, at most a group (two when
        // reading ahead) and a page held.
        await index.StoppedAsync();
        Assert.InRange(largest, 1_000, most);
        Assert.Equal(0, index.Count);
        Assert.Equal(5_000, index.Read);
    }

    private static global::Stripe.Subscription Subscription(string id, long created) => new()
    {
        Id = id,
        CustomerId = "cus_X",
        Status = "active",
        Created = created >= 253_402_300_799 ? DateTime.MaxValue : DateTimeOffset.FromUnixTimeSeconds(created).UtcDateTime,
    };

    private static Action<IServiceCollection> Limit(int invoices) =>
        services => services.Configure<StripeOptions>(o => o.InvoiceIndexLimit = invoices);
}
