using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Exports;
using Dashboard.Testing;
using Dashboard.Web.Services.Exports;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// Two app instances, each with its own job server, on one PostgreSQL database: they share one recurring job per
/// export, and when both take up the same scheduled occurrence it is run (file and deliveries) exactly once.
/// </summary>
public sealed class TwoInstancesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Both_instances_taking_the_same_occurrence_run_it_once()
    {
        RequiredServer.Postgres();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var first = await ExportServer.StartAsync(DatabaseProvider.PostgreSql, Now);
        await using var second = await ExportServer.StartSecondAsync(first, Now);
        await first.PushBusinessAsync();
        var id = await first.CreateExportAsync(new
        {
            name = "Shared",
            kind = "metrics",
            metrics = new[] { "mrr" },
            schedule = new { frequency = "daily", at = "07:00" },
            deliveries = new object[] { new { type = "webhook", url = new Uri(receiver.Address, "/ok").ToString(), secret = WebhookReceiver.Secret } },
        });

        // One recurring job in the shared storage, whichever instance looks.
        var storage = second.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            Assert.Single(connection.GetRecurringJobs([ExportJob.RecurringId(id)]), j => !j.Removed);
        }

        // Both instances pick up the occurrence of background job "42" at once.
        var runs = await Task.WhenAll(RunOccurrenceAsync(first, id, "job:42"), RunOccurrenceAsync(second, id, "job:42"));

        Assert.Equal(runs[0], runs[1]);
        await using var scope = first.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ExportStore>().RunsAsync(id, 0, 10, CancellationToken.None);
        var run = Assert.Single(stored);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Single(receiver.Received);
        Assert.Equal(1, Assert.Single(run.Deliveries).Attempts);
    }

    private static async Task<long> RunOccurrenceAsync(ExportServer server, long exportId, string occurrence)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ExportStore>();
        var run = await store.GetOrCreateRunAsync(exportId, occurrence, ExportStore.ScheduleTrigger, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<ExportRunner>().ExecuteAsync(exportId, run!.Id, CancellationToken.None);
        return run.Id;
    }
}
