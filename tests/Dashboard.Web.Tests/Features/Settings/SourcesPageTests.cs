using Dashboard.Infrastructure.Sources.Stripe.Events;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Bunit;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Braintree;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Features.Settings.Sources;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Services.Sources;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Components;
using Dashboard.Web.Tests.Services.Audit;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Features.Settings;

/// <summary>The Sources page from a real store and a live sync status, rendered with bUnit.</summary>
public sealed class SourcesPageTests : DashboardTestContext, IAsyncLifetime
{
    private readonly string keys = Path.Combine(Path.GetTempPath(), "dashboard-keys-" + Guid.NewGuid().ToString("N"));
    private TestDatabase database = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        services = Configure(new ServiceCollection()).BuildServiceProvider();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await services.DisposeAsync();
        await database.DisposeAsync();
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    [Fact]
    public void Without_sources_the_page_says_what_to_do_and_offers_the_form_with_a_password_field()
    {
        var document = RenderSourcesPage();

        Assert.Contains("No source connected yet", document.Find("[data-testid='empty-state']").TextContent);
        Assert.Equal("password", document.Find("form[data-testid='add-stripe'] input[name='api-key']").GetAttribute("type"));
        Assert.Empty(document.FindAll("[data-testid='source']"));
    }

    [Fact]
    public async Task A_source_shows_its_counts_live_progress_and_every_recorded_error()
    {
        var source = await services.GetRequiredService<StripeSourceRegistrar>().AddAsync("Acme", "rk_test_secret", null, null, default);
        await using (var db = database.CreateContext())
        {
            db.Customers.Add(new Customer { SourceId = source.Id, ExternalId = "cus_1", CreatedAt = DateTimeOffset.UnixEpoch });
            db.SyncErrors.Add(new SyncError { SourceId = source.Id, Kind = "charges", ExternalId = "ch_G", Message = "Charge ch_G names no customer.", OccurredAt = DateTimeOffset.UnixEpoch });
            db.SyncErrors.Add(new SyncError { SourceId = source.Id, Kind = "credit_notes", ExternalId = "cn_1", Message = "no charge to attach it to", OccurredAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync();
        }

        var progress = new SyncProgress(source.Id, SyncMode.Full, services.GetRequiredService<SyncStatusService>(), TimeProvider.System);
        progress.Begin("customers", 0, 4);
        progress.Advance("customers", 1);
        progress.Begin("prices", 0, null);
        progress.Advance("prices", 3);
        progress.Complete("prices");
        progress.Publish(SyncState.Running, null);

        var document = RenderSourcesPage();

        var card = document.Find("[data-testid='source']")!;
        Assert.Equal("Running", card.GetAttribute("data-state"));
        Assert.Equal("1", card.QuerySelector("[data-testid='count-customers']")!.GetAttribute("data-value"));
        Assert.Equal("2", card.QuerySelector("[data-testid='count-errors']")!.GetAttribute("data-value"));
        Assert.Equal("25", card.QuerySelector("[data-kind='customers']")!.GetAttribute("data-percent"));
        Assert.Contains("1 / 4", card.QuerySelector("[data-kind='customers']")!.TextContent);
        Assert.Equal("100", card.QuerySelector("[data-kind='prices']")!.GetAttribute("data-percent"));
        Assert.NotNull(card.QuerySelector("[data-testid='sync-now'][disabled]"));
        var errors = card.QuerySelectorAll("[data-testid='source-errors'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("ch_G", StringComparison.Ordinal) && e.Contains("names no customer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("cn_1", StringComparison.Ordinal));
        Assert.DoesNotContain("rk_test_secret", document.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connected_source_shows_its_sync_interval_which_is_the_one_scheduled()
    {
        var hourly = await services.GetRequiredService<StripeSourceRegistrar>().AddAsync("Hourly", "rk_test_1", null, null, default);
        var frequent = await services.GetRequiredService<StripeSourceRegistrar>().AddAsync("Frequent", "rk_test_2", null, null, default);
        await services.GetRequiredService<SyncIntervals>().SetAsync(frequent.Id, 15, default);
        await services.GetRequiredService<ISyncSchedule>().ApplyAsync(frequent.Id, default);

        var document = RenderSourcesPage();

        string Selected(long id) =>
            document.Find($"[data-source-id='{id}'] [data-testid='sync-interval'] .rz-dropdown-label").TextContent.Trim();
        Assert.Equal("hourly", Selected(hourly.Id));
        Assert.Equal("every 15 minutes", Selected(frequent.Id));
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        var crons = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Cron);
        Assert.Equal("0 * * * *", crons[RecurringSyncSchedule.JobId(hourly.Id)]);
        Assert.Equal("*/15 * * * *", crons[RecurringSyncSchedule.JobId(frequent.Id)]);
    }

    [Fact]
    public async Task Changing_a_sources_interval_is_recorded_in_the_audit_log_as_the_signed_in_user()
    {
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("admin");
        var source = await services.GetRequiredService<StripeSourceRegistrar>().AddAsync("Acme", "rk_test_1", null, null, default);
        var document = RenderSourcesPage();

        document.Find($"[data-source-id='{source.Id}'] [data-testid='sync-interval'] .rz-dropdown-item[aria-label='every 30 minutes']").Click();

        document.WaitForAssertion(() => Assert.Equal("every 30 minutes",
            document.Find($"[data-source-id='{source.Id}'] [data-testid='sync-interval'] .rz-dropdown-label").TextContent.Trim()));
        var entry = Assert.Single(await Services.GetRequiredService<IAuditLog>().AllAsync());
        Assert.Equal((AuditActions.SourceIntervalChanged, "admin@example.com", $"source {source.Id}: every 30 minutes"), (entry.Action, entry.Actor, entry.Target));
    }

    [Fact]
    public async Task A_source_shows_its_waiting_and_failed_webhooks_with_the_last_error()
    {
        var source = await services.GetRequiredService<StripeSourceRegistrar>().AddAsync("Acme", "rk_test_secret", null, null, default);
        await using (var db = database.CreateContext())
        {
            var at = DateTimeOffset.UtcNow;
            db.AddRange(
                Webhook(source.Id, "evt_1", StripeEventStatus.Pending, null, at),
                Webhook(source.Id, "evt_2", StripeEventStatus.Failed, "invoice.paid: older failure", at),
                Webhook(source.Id, "evt_3", StripeEventStatus.Failed, "invoice.paid: Stripe answered 500", at.AddSeconds(1)),
                Webhook(source.Id, "evt_4", StripeEventStatus.Applied, null, at));
            await db.SaveChangesAsync();
        }

        var document = RenderSourcesPage();

        var text = System.Text.RegularExpressions.Regex.Replace(
            document.Find($"[data-source-id='{source.Id}'] [data-testid='source-webhooks']").TextContent, @"\s+", " ").Trim();
        Assert.Equal("Webhooks: 1 waiting, 2 failed and retrying; last error: invoice.paid: Stripe answered 500", text);
    }

    private static StripeEventRecord Webhook(long sourceId, string id, StripeEventStatus status, string? error, DateTimeOffset at) => new()
    {
        SourceId = sourceId,
        EventId = id,
        Type = "invoice.paid",
        Via = StripeEventLedger.ViaWebhook,
        Status = status,
        LastError = error,
        ReceivedAt = at,
        CreatedAt = at,
    };

    [Fact]
    public async Task The_stripe_form_is_built_from_its_descriptor_and_stores_the_key_encrypted()
    {
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("admin");
        var document = RenderSourcesPage();
        var form = document.Find("form[data-testid='add-stripe']");
        Assert.Equal(["name", "api-key", "api-base", "webhook-secret"], form.QuerySelectorAll("input.rz-textbox").Select(i => i.GetAttribute("name")));
        Assert.Equal("password", form.QuerySelector("input[name='webhook-secret']")!.GetAttribute("type"));

        document.Find("input[name='api-key']").Change("pk_live_wrong");
        document.Find("form[data-testid='add-stripe']").Submit();

        var errors = document.FindAll("[data-testid='add-errors'] li").Select(li => li.GetAttribute("data-field")).ToList();
        Assert.Equal(["name", "api-key"], errors);
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.Sources.AnyAsync());
        }

        document.Find("input[name='name']").Change("Acme");
        document.Find("input[name='api-key']").Change("rk_test_page_secret");
        document.Find("form[data-testid='add-stripe']").Submit();

        document.WaitForElement("[data-testid='source']");
        await using var check = database.CreateContext();
        var source = await check.Sources.SingleAsync();
        Assert.Equal((SourceProvider.Stripe, "Acme"), (source.Provider, source.Name));
        Assert.DoesNotContain("rk_test_page_secret", source.ProtectedCredentials, StringComparison.Ordinal);
        Assert.Equal("rk_test_page_secret", services.GetRequiredService<SourceCredentialProtector>().Unprotect<StripeCredentials>(source.ProtectedCredentials!).ApiKey);
        Assert.DoesNotContain("rk_test_page_secret", document.Markup, StringComparison.Ordinal);
        Assert.Contains($"/webhooks/stripe/{source.Id}", document.Find("[data-testid='sources-message']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_braintree_source_is_added_from_its_own_form_with_named_errors_first_and_the_private_key_encrypted()
    {
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("admin");
        var document = RenderSourcesPage();

        document.Find("[data-testid='add-provider'] .rz-dropdown-item[aria-label='Braintree']").Click();

        var form = document.Find("form[data-testid='add-braintree']");
        Assert.Equal(["name", "merchant-id", "public-key", "private-key", "api-base"], form.QuerySelectorAll("input.rz-textbox").Select(i => i.GetAttribute("name")));
        Assert.Equal("password", form.QuerySelector("input[name='private-key']")!.GetAttribute("type"));
        Assert.Equal(["production", "sandbox"], form.QuerySelectorAll("[data-testid='add-field-environment'] .rz-dropdown-item").Select(o => o.GetAttribute("aria-label")));
        Assert.Contains("Private key", form.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.FindAll("form[data-testid='add-stripe']"));

        document.Find("input[name='merchant-id']").Change("bad id");
        document.Find("input[name='api-base']").Change("not a url");
        document.Find("form[data-testid='add-braintree']").Submit();

        var errors = document.FindAll("[data-testid='add-errors'] li").ToList();
        Assert.Equal(["name", "merchant-id", "public-key", "private-key", "api-base"], errors.Select(li => li.GetAttribute("data-field")));
        Assert.StartsWith("Merchant ID:", errors[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("Private key: is required.", errors[3].TextContent);
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.Sources.AnyAsync());
        }

        document.Find("input[name='name']").Change("Shop");
        document.Find("input[name='merchant-id']").Change("merchant1");
        document.Find("input[name='public-key']").Change("pub1");
        document.Find("input[name='private-key']").Change("private_page_secret");
        document.Find("[data-testid='add-field-environment'] .rz-dropdown-item[aria-label='sandbox']").Click();
        document.Find("input[name='api-base']").Change("http://127.0.0.1:9/");
        document.Find("form[data-testid='add-braintree']").Submit();

        document.WaitForElement("[data-testid='source']");
        await using var check = database.CreateContext();
        var source = await check.Sources.SingleAsync();
        Assert.Equal((SourceProvider.Braintree, "Shop", "http://127.0.0.1:9/"), (source.Provider, source.Name, source.ApiBase));
        Assert.DoesNotContain("private_page_secret", source.ProtectedCredentials, StringComparison.Ordinal);
        Assert.Equal(new BraintreeCredentials("merchant1", "pub1", "private_page_secret", "sandbox", "http://127.0.0.1:9/"),
            services.GetRequiredService<SourceCredentialProtector>().Unprotect<BraintreeCredentials>(source.ProtectedCredentials!));
        Assert.DoesNotContain("private_page_secret", document.Markup, StringComparison.Ordinal);
        Assert.NotNull(document.Find($"[data-source-id='{source.Id}'] [data-testid='sync-now']"));
        var entry = Assert.Single(await Services.GetRequiredService<IAuditLog>().AllAsync());
        Assert.Equal((AuditActions.SourceAdded, $"source {source.Id} 'Shop' (braintree)"), (entry.Action, entry.Target));
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == RecurringSyncSchedule.JobId(source.Id));
    }

    [Fact]
    public async Task Testing_a_connection_reports_a_failure_and_stores_nothing()
    {
        var document = RenderSourcesPage();
        document.Find("[data-testid='add-provider'] .rz-dropdown-item[aria-label='Braintree']").Click();
        document.Find("input[name='merchant-id']").Change("merchant1");
        document.Find("input[name='public-key']").Change("pub1");
        document.Find("input[name='private-key']").Change("private1");
        document.Find("input[name='api-base']").Change("http://127.0.0.1:9/");

        document.Find("[data-testid='add-test']").Click();

        var result = document.WaitForElement("[data-testid='add-test-result']");
        Assert.Equal("false", result.GetAttribute("data-succeeded"));
        Assert.False(string.IsNullOrWhiteSpace(result.TextContent));
        await using var db = database.CreateContext();
        Assert.False(await db.Sources.AnyAsync());
    }

    [Fact]
    public async Task An_owner_deletes_a_source_with_its_data_after_confirming()
    {
        AddAuthorization().SetAuthorized("owner@example.com").SetRoles(DashboardRoles.Owner);
        var source = await services.GetRequiredService<StripeSourceRegistrar>().AddAsync("Acme", "rk_test_owner", null, null, default);
        var document = RenderSourcesPage(DashboardRoles.Owner);
        var card = $"[data-source-id='{source.Id}']";

        document.Find($"{card} [data-testid='source-delete-open']").Click();
        Assert.Contains("Delete “Acme” with its 0 customers", document.Find($"{card} [data-testid='source-delete-confirmation']").TextContent, StringComparison.Ordinal);
        document.Find($"{card} [data-testid='source-delete-cancel']").Click();
        Assert.Empty(document.FindAll($"{card} [data-testid='source-delete-confirmation']"));
        document.Find($"{card} [data-testid='source-delete-open']").Click();
        document.Find($"{card} [data-testid='source-delete-confirm']").Click();

        document.WaitForAssertion(() => Assert.EndsWith("settings/sources", Navigation.Uri, StringComparison.Ordinal));
        await using var db = database.CreateContext();
        Assert.False(await db.Sources.AnyAsync(s => s.Id == source.Id));
        Assert.Contains(await Services.GetRequiredService<IAuditLog>().AllAsync(), e => e.Action == AuditActions.SourceRemoved);
    }

    [Theory]
    [InlineData(DashboardRoles.Admin)]
    [InlineData(DashboardRoles.Viewer)]
    public async Task Only_owners_are_offered_to_delete_a_source(string role)
    {
        await services.GetRequiredService<StripeSourceRegistrar>().AddAsync("Acme", "rk_test_" + role, null, null, default);

        var document = RenderSourcesPage(role);

        Assert.Empty(document.FindAll("[data-testid='source-delete-open']"));
    }

    /// <summary>Renders the page once its data has loaded: the page's services are the ones this test's store and status service live in.</summary>
    private IRenderedComponent<SourcesPage> RenderSourcesPage(string role = DashboardRoles.Admin)
    {
        Services.AddScoped<ICurrentUser>(_ => new KnownUser(TestUsers.InRole(role)));
        Services.AddSingleton(new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(new ConfigurationBuilder().Build()), NullLogger<MetricsEngineHost>.Instance));
        Services.AddScoped<SourceDataRemover>();
        Services.AddScoped<SourceRemoval>();
        Services.AddScoped<DemoDataReloader>();
        Services.AddScoped<Dashboard.Web.Services.Demo.DemoReload>();
        Services.AddSingleton<Dashboard.Web.Services.Demo.DemoReloadStatus>();
        Services.AddSingleton(services.GetRequiredService<IBackgroundJobClient>());
        Services.AddSingleton(services.GetRequiredService<JobStorage>());
        Services.AddSingleton(services.GetRequiredService<SyncStatusService>());
        Services.AddSingleton(services.GetRequiredService<SourceSyncQueue>());
        Services.AddSingleton(services.GetRequiredService<SyncIntervals>());
        Services.AddSingleton(services.GetRequiredService<ISyncSchedule>());
        Services.AddSingleton(services.GetRequiredService<ConnectorRegistry>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new SourceDirectory(database.CreateFactory()));
        Services.AddSingleton(new StripeWebhookStatusService(database.CreateFactory()));
        Services.AddSingleton(database.CreateFactory()).AddAuditLog();
        Open("settings/sources");
        var page = RenderPage<SourcesPage>();
        page.WaitForElement("[data-testid='empty-state'], [data-testid='source']");
        return page;
    }

    private IServiceCollection Configure(IServiceCollection collection)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys })
            .Build();
        return collection
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.CreateFactory())
            .AddBillingImporter()
            .AddSourceCredentials(configuration, Path.GetTempPath())
            .AddStripeConnector(configuration)
            .AddBraintreeSetup()
            .AddSingleton(database.Options)
            .AddBackgroundJobs(configuration, runServer: false)
            .AddScheduledSync(configuration, reconcileAtStart: false);
    }
}
