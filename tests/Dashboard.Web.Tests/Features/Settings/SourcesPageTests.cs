using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Web.Features.Settings.Sources;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Radzen;

namespace Dashboard.Web.Tests.Features.Settings;

/// <summary>The Sources page's markup from a real store and a live sync status, rendered without a browser.</summary>
public sealed class SourcesPageTests : IAsyncLifetime
{
    private readonly string keys = Path.Combine(Path.GetTempPath(), "dashboard-keys-" + Guid.NewGuid().ToString("N"));
    private TestDatabase database = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        services = Configure(new ServiceCollection()).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    [Fact]
    public async Task Without_sources_the_page_says_what_to_do_and_offers_the_form_with_a_password_field()
    {
        var document = await RenderAsync();

        Assert.Contains("No source connected yet", document.QuerySelector("[data-testid='empty-state']")!.TextContent);
        Assert.Equal("password", document.QuerySelector("form[data-testid='add-stripe'] input[name='api-key']")!.GetAttribute("type"));
        Assert.Empty(document.QuerySelectorAll("[data-testid='source']"));
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

        var document = await RenderAsync();

        var card = document.QuerySelector("[data-testid='source']")!;
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
        Assert.DoesNotContain("rk_test_secret", document.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    private Task<AngleSharp.Dom.IDocument> RenderAsync() =>
        Markup.RenderAsync<SourcesPage>(new Dictionary<string, object?>(), s =>
        {
            // The page's services are the ones this test's store and status service live in.
            s.AddSingleton(services.GetRequiredService<SyncStatusService>());
            s.AddSingleton(services.GetRequiredService<SyncRunner>());
            s.AddSingleton(services.GetRequiredService<StripeSourceRegistrar>());
            s.AddSingleton(TimeProvider.System);
            s.AddSingleton(database.CreateFactory());
            s.AddRadzenComponents();
            s.AddSingleton<IJSRuntime, NoJavaScript>();
            s.AddSingleton<NavigationManager, StaticNavigation>();
        });

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
            .AddStripeConnector(configuration);
    }

    private sealed class StaticNavigation : NavigationManager
    {
        public StaticNavigation() => Initialize("http://localhost/", "http://localhost/settings/sources");
    }

    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }
}
