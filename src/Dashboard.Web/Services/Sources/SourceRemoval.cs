using Dashboard.Infrastructure.Sync;
using System.Globalization;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Infrastructure.Sources;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Services.Sources;

/// <summary>
/// Removing a source with its data, and with it the demo data: only owners may (checked here, for every caller);
/// the removal is written to the audit log and the metrics engine is rebuilt, so every page shows the numbers without
/// the source at once.
/// </summary>
public sealed class SourceRemoval(
    SourceDataRemover remover, MetricsEngineHost engine, ICurrentUser user, AuditCaller audit, IEnumerable<ISyncSchedule> schedules)
{
    /// <summary>The demo source while it holds customers, for the banner; null once it is gone or empty.</summary>
    public Task<DemoSourceInfo?> DemoSourceAsync(CancellationToken cancellationToken) => remover.DemoSourceAsync(cancellationToken);

    /// <summary>True when the signed-in user is an owner, who may remove sources.</summary>
    public async Task<bool> CanRemoveAsync() => IsOwner(await user.GetAsync());

    /// <summary>
    /// Removes source <paramref name="sourceId"/> and everything imported from it; null when there was no such source.
    /// Throws <see cref="AccessDeniedException"/> for anyone but an owner, and nothing changes.
    /// </summary>
    public async Task<SourceRemovalResult?> RemoveAsync(long sourceId, CancellationToken cancellationToken)
    {
        if (!IsOwner(await user.GetAsync()))
        {
            throw new AccessDeniedException("Only an owner may remove a source and its data.");
        }

        var removed = await remover.RemoveAsync(sourceId, cancellationToken);
        if (removed is null)
        {
            return null;
        }

        await audit.RecordAsync(AuditActions.SourceRemoved,
            $"{AuditActor.Source(removed.SourceId)} '{removed.Name}' ({removed.Provider.ToString().ToLowerInvariant()}) with "
            + $"{removed.Customers.ToString(CultureInfo.InvariantCulture)} customers", cancellationToken);
        foreach (var schedule in schedules)
        {
            // The source is gone, so applying its schedule removes its recurring sync.
            await schedule.ApplyAsync(sourceId, cancellationToken);
        }

        await engine.RebuildAsync(cancellationToken);
        return removed;
    }

    /// <summary>Removes the demo source and its data; null when there is none holding customers.</summary>
    public async Task<SourceRemovalResult?> RemoveDemoAsync(CancellationToken cancellationToken) =>
        await DemoSourceAsync(cancellationToken) is { } demo ? await RemoveAsync(demo.Id, cancellationToken) : null;

    private static bool IsOwner(System.Security.Claims.ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.IsInRole(DashboardRoles.Owner);
}
