using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Testing;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Tests.Jobs;

/// <summary>
/// Hangfire keeps its log provider process-wide. Hosts that share a process (the web tests start many) must not fail
/// because another host, since disposed, was the last to configure it.
/// </summary>
public sealed class SharedProcessHostsTests
{
    [Fact]
    public async Task A_host_starts_its_job_clients_after_another_host_configured_hangfire_and_was_disposed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var surviving = BuildServices(database);
        surviving.GetRequiredService<IGlobalConfiguration>();

        var disposed = BuildServices(database);
        disposed.GetRequiredService<IGlobalConfiguration>();
        await disposed.DisposeAsync();

        var manager = surviving.GetRequiredService<IRecurringJobManager>();
        var client = surviving.GetRequiredService<IBackgroundJobClient>();

        Assert.NotNull(manager);
        Assert.NotNull(client);
    }

    private static ServiceProvider BuildServices(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(database.Options);
        services.AddBackgroundJobs(configuration, runServer: false);
        return services.BuildServiceProvider();
    }
}
