using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Tests.Jobs;

/// <summary>
/// A host running the background jobs over a test database, as the server does: Hangfire storage on the database's
/// provider, a job server (unless <c>runServer</c> is false) and the schedule reconciled at start. Disposing stops it.
/// </summary>
public sealed class JobsHost : IAsyncDisposable
{
    private readonly IHost host;

    private JobsHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public JobStorage Storage => Services.GetRequiredService<JobStorage>();

    public static async Task<JobsHost> StartAsync(
        TestDatabase database, ISourceSynchronizer synchronizer, IReadOnlyDictionary<string, string?>? settings = null, bool runServer = true)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton(database.Options);
        builder.Services.AddSingleton(database.CreateFactory());
        builder.Services.AddSingleton(synchronizer);
        builder.Services.AddSyncCore();
        builder.Services.AddBackgroundJobs(builder.Configuration, runServer);
        builder.Services.AddScheduledSync(builder.Configuration, reconcileAtStart: true);
        var host = builder.Build();
        await host.StartAsync();
        return new JobsHost(host);
    }

    public static async Task<long> AddSourceAsync(TestDatabase database, string name, bool syncable = true)
    {
        await using var db = database.CreateContext();
        var source = new Source { Name = name, Provider = syncable ? SourceProvider.Stripe : SourceProvider.Api, ProtectedCredentials = syncable ? "sealed" : null };
        db.Sources.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }

    /// <summary>The registered source syncs: job id → (cron, time zone id).</summary>
    public IReadOnlyDictionary<string, (string Cron, string? TimeZoneId)> RecurringSyncs()
    {
        using var connection = Storage.GetConnection();
        return Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection)
            .Where(j => j.Id.StartsWith(RecurringSyncSchedule.JobIdPrefix, StringComparison.Ordinal))
            .ToDictionary(j => j.Id, j => (j.Cron, (string?)j.TimeZoneId));
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
