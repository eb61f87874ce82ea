using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Dashboard.Web.Cli;
using Dashboard.Web.Sources;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Services.Audit;

namespace Dashboard.Web.Tests.Sources;

/// <summary><c>source add stripe</c> and <c>source sync</c> through the CLI dispatcher, against the fake Stripe account.</summary>
public sealed class SourceVerbTests : IAsyncLifetime
{
    private FakeStripeServer stripe = null!;
    private TestDatabase database = null!;
    private ServiceProvider services = null!;
    private string keys = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        StripeScenario.Load(stripe);
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        keys = Path.Combine(Path.GetTempPath(), "dashboard-keys-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys })
            .Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.CreateFactory())
            .AddBillingImporter()
            .AddSourceCredentials(configuration, Path.GetTempPath())
            .AddStripeConnector(configuration)
            .AddSingleton(database.Options)
            .AddBackgroundJobs(configuration, runServer: false)
            .AddScheduledSync(configuration, reconcileAtStart: false)
            .AddDashboardCli()
            .AddCliVerb<SourceAddVerb>()
            .AddCliVerb<SourceSyncVerb>()
            .AddCliVerb<SourceSetIntervalVerb>()
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
        await stripe.DisposeAsync();
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    [Fact]
    public async Task Add_prints_the_new_id_last_and_stores_the_key_encrypted_without_printing_it()
    {
        var (code, output, error) = await RunAsync("source", "add", "stripe", "--name", "Acme", "--api-key", FakeStripeServer.ApiKey, "--api-base", stripe.BaseUri.ToString());

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.DoesNotContain(FakeStripeServer.ApiKey, output + error, StringComparison.Ordinal);
        var id = LastLineId(output);
        await using var db = database.CreateContext();
        var source = await db.Sources.SingleAsync();
        Assert.Equal((id, "Acme", SourceProvider.Stripe, stripe.BaseUri.AbsoluteUri), (source.Id, source.Name, source.Provider, source.ApiBase));
        Assert.False(string.IsNullOrEmpty(source.ProtectedCredentials));
        Assert.DoesNotContain(FakeStripeServer.ApiKey, source.ProtectedCredentials, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_runs_the_added_source_to_its_end_with_the_stored_key()
    {
        var (_, added, _) = await RunAsync("source", "add", "stripe", "--name", "Acme", "--api-key", FakeStripeServer.ApiKey, "--api-base", stripe.BaseUri.ToString());
        var id = LastLineId(added).ToString(CultureInfo.InvariantCulture);

        var (code, output, error) = await RunAsync("source", "sync", id);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("customers: 3 done", output, StringComparison.Ordinal);
        Assert.Contains("Sync (full) finished: 1 object(s) could not be imported.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeStripeServer.ApiKey, output, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(3, await db.Customers.CountAsync());
        Assert.Equal(3, await db.Subscriptions.CountAsync());
        Assert.NotNull((await db.Sources.SingleAsync()).LastSyncedAt);
        Assert.True(stripe.RequestCount("v1/customers") > 0);
    }

    [Fact]
    public async Task Sync_of_an_unknown_id_exits_non_zero_and_says_so()
    {
        var (code, output, error) = await RunAsync("source", "sync", "4242");

        Assert.NotEqual(0, code);
        Assert.Contains("Source 4242 does not exist", output + error, StringComparison.Ordinal);
        Assert.Equal(0, stripe.TotalRequests);
    }

    [Theory]
    [InlineData("--name", "Acme")]
    [InlineData("--name", "Acme", "--api-key", "rk_test_x", "--api-base", "not a url")]
    [InlineData("--api-key", "rk_test_x")]
    public async Task Add_with_a_missing_or_bad_option_exits_non_zero_and_adds_nothing(params string[] options)
    {
        var (code, output, error) = await RunAsync(["source", "add", "stripe", .. options]);

        Assert.NotEqual(0, code);
        Assert.False(string.IsNullOrWhiteSpace(output + error));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Sources.CountAsync());
    }

    [Fact]
    public async Task Add_registers_an_hourly_sync_and_set_interval_changes_it()
    {
        var (_, added, _) = await RunAsync("source", "add", "stripe", "--name", "Acme", "--api-key", FakeStripeServer.ApiKey, "--api-base", stripe.BaseUri.ToString());
        var id = LastLineId(added);
        Assert.Equal("0 * * * *", Cron(id));

        var (code, output, error) = await RunAsync("source", "set-interval", id.ToString(CultureInfo.InvariantCulture), "--minutes", "30");

        Assert.Equal((0, string.Empty), (code, error));
        Assert.Contains("now syncs every 30 minutes", output, StringComparison.Ordinal);
        Assert.Equal("*/30 * * * *", Cron(id));
        await using var db = database.CreateContext();
        Assert.Equal("30", (await db.Settings.SingleAsync(s => s.Key == SyncInterval.SettingKey(id))).Value);
        var audit = (await services.GetRequiredService<IAuditLog>().AllAsync()).Reverse().Select(e => (e.Action, e.Actor, e.Target)).ToList();
        Assert.Equal(
            [
                (AuditActions.SourceAdded, "command line", $"source {id} 'Acme' (stripe)"),
                (AuditActions.SourceIntervalChanged, "command line", $"source {id}: every 30 minutes"),
            ],
            audit);
    }

    [Theory]
    [InlineData("1", "--minutes", "45")]
    [InlineData("1")]
    [InlineData("4242", "--minutes", "30")]
    public async Task Set_interval_with_a_bad_interval_or_an_unknown_source_exits_non_zero_and_stores_nothing(params string[] arguments)
    {
        await RunAsync("source", "add", "stripe", "--name", "Acme", "--api-key", FakeStripeServer.ApiKey);

        var (code, output, error) = await RunAsync(["source", "set-interval", .. arguments]);

        Assert.NotEqual(0, code);
        Assert.False(string.IsNullOrWhiteSpace(output + error));
        await using var db = database.CreateContext();
        Assert.False(await db.Settings.AnyAsync(s => s.Key.StartsWith("Sync:")));
    }

    private string? Cron(long sourceId)
    {
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == RecurringSyncSchedule.JobId(sourceId))?.Cron;
    }

    private static long LastLineId(string output) =>
        long.Parse(output.TrimEnd().Split('\n')[^1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await services.GetRequiredService<CliDispatcher>().RunAsync(args, services, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
