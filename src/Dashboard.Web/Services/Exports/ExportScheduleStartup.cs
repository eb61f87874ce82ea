using Dashboard.Infrastructure.Exports;

namespace Dashboard.Web.Services.Exports;

/// <summary>Start-up step of the server: one recurring job per export, in the reporting time zone as it is now.</summary>
public sealed class ExportScheduleStartup(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ExportStore>();
        await scope.ServiceProvider.GetRequiredService<ExportSchedules>().ReconcileAsync(await store.ListAsync(cancellationToken), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
