using System.Globalization;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Services.Demo;
using Dashboard.Web.Auth;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Loads the demo data again as a background job (queued by <see cref="DemoReload"/> for an owner): seeds it into a
/// new source through <see cref="DemoDataReloader"/> (which refuses while a demo source exists and clears the removal
/// mark in the transaction that writes the source), reports progress to <see cref="DemoReloadStatus"/>, writes
/// <c>demo.loaded</c> to the audit log as the owner who asked, and rebuilds the metrics engine. A run that fails half-way
/// has its partial source removed again and the removal mark put back (by the reloader), writes <c>demo.load_failed</c>
/// with the reason, rebuilds the metrics and shows the reason on the page. Not retried: the owner asks again.
/// The actor in the job's arguments is not trusted: the run looks them up and writes nothing unless they are still an
/// owner when it starts (an owner demoted or deleted while the job waited is refused, and the refusal is logged).
/// </summary>
public sealed partial class DemoReloadJob(
    IDbContextFactory<DashboardDbContext> contexts, DemoDataReloader reloader, DemoReloadStatus status, IAuditLog audit, MetricsEngineHost engine, ILogger<DemoReloadJob> logger)
{
    /// <summary>One at a time across workers and instances; a second run waits, then finds the demo source and is refused.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(string actorName, string? actorId, string? actorAddress, CancellationToken cancellationToken)
    {
        if (!await IsOwnerAsync(actorId, cancellationToken))
        {
            var reason = $"Only an owner may load the demo data again; {actorName} is not an owner now.";
            status.Set(new DemoReloadProgress(DemoReloadState.Refused, 0, 0, reason));
            LogNotOwner(logger, actorName, actorId);
            return;
        }

        status.Set(new DemoReloadProgress(DemoReloadState.Running, 0, new DemoDataOptions().Customers, null));
        try
        {
            var progress = new Progress(status);
            var loaded = await reloader.LoadAsync(progress, cancellationToken);
            await DemoReloadAudit.LoadedAsync(audit, new AuditActor(actorName, actorId, actorAddress), loaded, cancellationToken);
            await engine.RebuildAsync(cancellationToken);
            status.Set(new DemoReloadProgress(DemoReloadState.Succeeded, loaded.Customers, loaded.Customers,
                $"Loaded {loaded.Customers.ToString("N0", CultureInfo.InvariantCulture)} demo customers into the source '{loaded.Name}'."));
            LogLoaded(logger, loaded.Customers, loaded.SourceId);
        }
        catch (DemoDataExistsException refused)
        {
            status.Set(new DemoReloadProgress(DemoReloadState.Refused, 0, 0, refused.Message));
            LogRefused(logger, refused.Message);
        }
        catch (Exception failure)
        {
            status.Set(new DemoReloadProgress(DemoReloadState.Failed, status.Current.Customers, status.Current.TotalCustomers,
                "Loading the demo data failed: " + failure.Message));
            LogFailed(logger, failure);
            try
            {
                await DemoReloadAudit.FailedAsync(audit, new AuditActor(actorName, actorId, actorAddress), failure);
                await engine.RebuildAsync(CancellationToken.None);
            }
            catch (Exception cleanup)
            {
                LogCleanupFailed(logger, cleanup);
            }

            throw;
        }
    }

    private async Task<bool> IsOwnerAsync(string? actorId, CancellationToken cancellationToken)
    {
        if (actorId is null)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from link in db.UserRoles
                      join role in db.Roles on link.RoleId equals role.Id
                      where link.UserId == actorId && role.Name == DashboardRoles.Owner
                      select link).AnyAsync(cancellationToken);
    }

    /// <summary>Passes the seeder's per-batch progress on as it comes (not through a synchronization context).</summary>
    private sealed class Progress(DemoReloadStatus status) : IProgress<DemoSeedProgress>
    {
        public void Report(DemoSeedProgress value) =>
            status.Set(new DemoReloadProgress(DemoReloadState.Running, value.Customers, value.TotalCustomers, null));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded again: {Customers} customers in source {SourceId}.")]
    private static partial void LogLoaded(ILogger logger, long customers, long sourceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the demo data again failed.")]
    private static partial void LogFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording a failed demo load or rebuilding the metrics after it failed.")]
    private static partial void LogCleanupFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the demo data again was refused: {Actor} ({ActorId}) who asked for it is not an owner now; nothing was written.")]
    private static partial void LogNotOwner(ILogger logger, string actor, string? actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading the demo data again was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
