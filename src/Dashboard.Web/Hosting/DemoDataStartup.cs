using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Start-up step: when <c>Dashboard:SeedDemoData</c> is true (the default) and the store has no sources, fills it
/// with demo data through <see cref="IDemoDataSeeder"/>, so a first run shows a working dashboard.
/// Runs before the server accepts requests; a store that already has data is never touched, and neither is one whose
/// demo data an owner removed (<see cref="DemoDataMarker"/>): the demo comes back only when an owner loads it again (Settings → Sources, <c>reload-demo</c>) or through <c>seed-demo</c>.
/// </summary>
public sealed partial class DemoDataStartup(
    IServiceScopeFactory scopeFactory,
    IConfiguration configuration,
    ILogger<DemoDataStartup> logger) : IHostedService
{
    public const string SettingKey = "Dashboard:SeedDemoData";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(SettingKey, defaultValue: true))
        {
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetService<IDemoDataSeeder>();
        var contextFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using (var context = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            // A source without customers yet (just connected, or the demo removed) means real data is on its way.
            if (await context.Customers.AnyAsync(cancellationToken) || await context.Sources.AnyAsync(cancellationToken))
            {
                return;
            }

            if (await context.Settings.AnyAsync(s => s.Key == DemoDataMarker.RemovedAtSettingKey, cancellationToken))
            {
                LogDemoRemoved(logger);
                return;
            }
        }

        if (seeder is null)
        {
            LogNoSeeder(logger, SettingKey);
            return;
        }

        LogSeeding(logger);
        await seeder.SeedAsync(cancellationToken);
        LogSeeded(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is on and the store is empty, but no demo data seeder is registered; starting with an empty store.")]
    private static partial void LogNoSeeder(ILogger logger, string setting);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store is empty: adding demo data (turn this off with Dashboard:SeedDemoData=false).")]
    private static partial void LogSeeding(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store is empty because the demo data was removed: not adding it again (an owner loads it again on Settings > Sources, or run reload-demo).")]
    private static partial void LogDemoRemoved(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data added.")]
    private static partial void LogSeeded(ILogger logger);
}
