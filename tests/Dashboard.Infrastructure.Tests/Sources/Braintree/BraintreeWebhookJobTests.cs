using System.Text;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Braintree;
using Dashboard.Infrastructure.Sources.Braintree.Webhooks;
using Dashboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Tests.Sources.Braintree;

/// <summary>The webhook job: a readable notification goes to the registered handler, an unreadable one becomes a sync error.</summary>
public sealed class BraintreeWebhookJobTests : IAsyncLifetime
{
    private readonly string keys = Path.Combine(Path.GetTempPath(), "dashboard-keys-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingHandler handler = new();
    private TestDatabase database = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys })
            .Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(database.CreateFactory())
            .AddBillingImporter()
            .AddSourceCredentials(configuration, Path.GetTempPath())
            .AddBraintreeSetup()
            .AddSingleton<IBraintreeNotificationHandler>(handler)
            .BuildServiceProvider();
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
    public async Task A_readable_notification_is_handed_to_the_real_handler_not_the_placeholder()
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            "<notification><timestamp type=\"datetime\">2026-03-04T05:06:07Z</timestamp><kind>subscription_went_past_due</kind><subject><subscription><id>sub_4</id></subscription></subject></notification>"));

        await services.GetRequiredService<BraintreeWebhookJob>().ApplyAsync(3, payload, default);

        var (sourceId, notification) = Assert.Single(handler.Applied);
        Assert.Equal((3L, "subscription_went_past_due", "sub_4"), (sourceId, notification.Kind, notification.ObjectId));
    }

    [Fact]
    public async Task An_unreadable_notification_is_recorded_as_a_sync_error_without_retrying()
    {
        await using (var db = database.CreateContext())
        {
            db.Sources.Add(new Core.Billing.Source { Name = "Shop", Provider = Core.Billing.SourceProvider.Braintree });
            await db.SaveChangesAsync();
        }

        await services.GetRequiredService<BraintreeWebhookJob>().ApplyAsync(1, Convert.ToBase64String("<other/>"u8.ToArray()), default);

        Assert.Empty(handler.Applied);
        await using var check = database.CreateContext();
        var error = Assert.Single(check.SyncErrors);
        Assert.Equal(("webhooks", "(unreadable)"), (error.Kind, error.ExternalId));
        Assert.Contains("not <notification>", error.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingHandler : IBraintreeNotificationHandler
    {
        public List<(long SourceId, BraintreeNotification Notification)> Applied { get; } = [];

        public Task ApplyAsync(long sourceId, BraintreeNotification notification, CancellationToken cancellationToken)
        {
            Applied.Add((sourceId, notification));
            return Task.CompletedTask;
        }
    }
}
