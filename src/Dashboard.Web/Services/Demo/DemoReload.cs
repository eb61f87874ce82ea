using Dashboard.Infrastructure.Demo;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;
using Dashboard.Web.Services.Audit;
using Hangfire;

namespace Dashboard.Web.Services.Demo;

/// <summary>What asking to load the demo data again did: queued (with the job's id), or why not.</summary>
public sealed record DemoReloadRequest(bool Queued, string? JobId, string? Refusal);

/// <summary>
/// "Load demo data again", for owners only (checked here, for every caller, besides the page's own rule): refused while
/// a demo source exists or a reload is already queued or running; otherwise enqueued as a background job
/// (<see cref="DemoReloadJob"/>) that seeds the demo data into a new source, clears the removal mark in the same
/// transaction, writes <c>demo.loaded</c> to the audit log as the owner who asked, and rebuilds the metrics engine.
/// </summary>
public sealed class DemoReload(
    DemoDataReloader reloader, DemoReloadStatus status, IBackgroundJobClient jobs, ICurrentUser user, AuditCaller audit)
{
    /// <summary>True when the signed-in user is an owner, who may load the demo data again.</summary>
    public async Task<bool> CanLoadAsync() => IsOwner(await user.GetAsync());

    /// <summary>Why loading is refused now (a demo source exists), or null when it may be.</summary>
    public Task<string?> RefusalAsync(CancellationToken cancellationToken) => reloader.RefusalAsync(cancellationToken);

    /// <summary>The progress of the reload in this process.</summary>
    public DemoReloadProgress Progress => status.Current;

    /// <summary>
    /// Queues the reload. Throws <see cref="AccessDeniedException"/> for anyone but an owner (nothing is queued); returns
    /// a refusal when a demo source exists or a reload is already under way.
    /// </summary>
    public async Task<DemoReloadRequest> RequestAsync(CancellationToken cancellationToken)
    {
        var principal = await user.GetAsync();
        if (!IsOwner(principal))
        {
            throw new AccessDeniedException("Only an owner may load the demo data again.");
        }

        if (await reloader.RefusalAsync(cancellationToken) is { } refusal)
        {
            return new DemoReloadRequest(false, null, refusal);
        }

        if (!status.TryQueue())
        {
            return new DemoReloadRequest(false, null, "The demo data is already being loaded.");
        }

        try
        {
            // The job records the load as the owner who asked (from their address, when the host knows it).
            var actor = AuditActor.From(principal, (await audit.CurrentAsync()).RemoteIp);
            var id = jobs.Enqueue<DemoReloadJob>(job => job.RunAsync(actor.Name, actor.Id, actor.RemoteIp, CancellationToken.None));
            return new DemoReloadRequest(true, id, null);
        }
        catch
        {
            status.Set(DemoReloadProgress.Idle);
            throw;
        }
    }

    private static bool IsOwner(System.Security.Claims.ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.IsInRole(DashboardRoles.Owner);
}
