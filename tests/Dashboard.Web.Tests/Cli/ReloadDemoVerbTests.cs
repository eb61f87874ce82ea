using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Testing;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Services.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Cli;

/// <summary><c>reload-demo</c>: loads the demo data again into a new source and clears the removal mark, or refuses while a demo source exists.</summary>
public sealed class ReloadDemoVerbTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
    private TestDatabase database = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(Now))
            .AddSingleton(database.CreateFactory())
            .AddDashboardCli()
            .AddCliVerb<ReloadDemoVerb>()
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task After_a_removal_it_loads_the_demo_again_clears_the_mark_and_is_audited()
    {
        await using (var db = database.CreateContext())
        {
            db.Settings.Add(new Setting { Key = DemoDataMarker.RemovedAtSettingKey, Value = Now.ToString("O") });
            await db.SaveChangesAsync();
        }

        var (code, output, error) = await RunAsync("reload-demo");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Loaded 1,500 demo customers into source 1 ('Demo data').", output, StringComparison.Ordinal);
        Assert.Contains("1,500 / 1,500 customers", output, StringComparison.Ordinal);
        await using var check = database.CreateContext();
        Assert.False(await check.Settings.AnyAsync(s => s.Key == DemoDataMarker.RemovedAtSettingKey));
        Assert.Equal(SourceProvider.Demo, (await check.Sources.SingleAsync()).Provider);
        var entry = Assert.Single(await services.GetRequiredService<IAuditLog>().AllAsync(AuditActions.DemoLoaded));
        Assert.Equal(("command line", "source 1 'Demo data' with 1500 customers"), (entry.Actor, entry.Target));
    }

    [Fact]
    public async Task With_a_demo_source_it_refuses_with_exit_1_and_writes_nothing()
    {
        await using (var db = database.CreateContext())
        {
            await new DemoSeeder(db).SeedAsync(new DemoDataOptions { Customers = 4 }, new FixedTimeProvider(Now));
        }

        var (code, output, _) = await RunAsync("reload-demo");

        Assert.Equal(ReloadDemoVerb.RefusedExitCode, code);
        Assert.Contains("already loaded (source 1, 'Demo data')", output, StringComparison.Ordinal);
        await using var check = database.CreateContext();
        Assert.Equal(4, await check.Customers.CountAsync());
        Assert.Empty(await services.GetRequiredService<IAuditLog>().AllAsync(AuditActions.DemoLoaded));
    }

    [Fact]
    public async Task A_load_failing_half_way_is_removed_again_audited_as_failed_and_reported()
    {
        await using (var db = database.CreateContext())
        {
            db.Settings.Add(new Setting { Key = DemoDataMarker.RemovedAtSettingKey, Value = Now.ToString("O") });
            await db.SaveChangesAsync();
        }

        // The first batch of customers is committed when its progress line is written: the run fails there.
        using var output = new FailingWriter("customers", new IOException("The terminal went away."));
        using var error = new StringWriter();
        var failure = await Assert.ThrowsAsync<DemoReloadFailedException>(
            () => services.GetRequiredService<CliDispatcher>().RunAsync(["reload-demo"], services, output, error));

        Assert.Contains("The terminal went away.", failure.Message, StringComparison.Ordinal);
        await using (var check = database.CreateContext())
        {
            Assert.False(await check.Sources.AnyAsync());
            Assert.False(await check.Customers.AnyAsync());
            Assert.Equal(Now.ToString("O"), await check.Settings.Where(s => s.Key == DemoDataMarker.RemovedAtSettingKey).Select(s => s.Value).SingleAsync());
        }

        var entries = await services.GetRequiredService<IAuditLog>().AllAsync();
        var failed = Assert.Single(entries);
        Assert.Equal((AuditActions.DemoLoadFailed, "command line"), (failed.Action, failed.Actor));
        Assert.StartsWith("source 1 (removed again): The terminal went away.", failed.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arguments_are_a_usage_error()
    {
        var (code, _, error) = await RunAsync("reload-demo", "--customers", "10");

        Assert.Equal(2, code);
        Assert.Contains("takes no arguments", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await services.GetRequiredService<CliDispatcher>().RunAsync(args, services, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A console that fails on the first line containing <paramref name="trigger"/>.</summary>
    private sealed class FailingWriter(string trigger, Exception failure) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            if (value is not null && value.Contains(trigger, StringComparison.Ordinal))
            {
                throw failure;
            }

            base.WriteLine(value);
        }
    }
}
