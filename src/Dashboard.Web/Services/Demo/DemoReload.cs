using Dashboard.Infrastructure.Demo;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;
using Dashboard.Web.Services.Audit;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;

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
    DemoDataReloader reloader, DemoReloadStatus status, IBackgroundJobClient jobs, JobStorage storage, ICurrentUser user, AuditCaller audit)
{
    /// <summary>True when the signed-in user is an owner, who may load the demo data again.</summary>
    public async Task<bool> CanLoadAsync() => IsOwner(await user.GetAsync());

    /// <summary>Why loading is refused now (a demo source exists), or null when it may be.</summary>
    public Task<string?> RefusalAsync(CancellationToken cancellationToken) => reloader.RefusalAsync(cancellationToken);

    /// <summary>
    /// The progress of the reload in this process; a "queued" whose job Hangfire reports deleted, failed or succeeded
    /// (run elsewhere, removed from the jobs dashboard, refused its concurrency lock) is settled from that state first.
    /// </summary>
    public DemoReloadProgress Progress
    {
        get
        {
            SettleQueued();
            return status.Current;
        }
    }

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

        SettleQueued();
        if (!status.TryQueue())
        {
            return new DemoReloadRequest(false, null, "The demo data is already being loaded.");
        }

        try
        {
            // The job records the load as the owner who asked (from their address, when the host knows it).
            var actor = AuditActor.From(principal, (await audit.CurrentAsync()).RemoteIp);
            var id = jobs.Enqueue<DemoReloadJob>(job => job.RunAsync(actor.Name, actor.Id, actor.RemoteIp, CancellationToken.None));
            status.Queued(id);
            return new DemoReloadRequest(true, id, null);
        }
        catch
        {
            status.Set(DemoReloadProgress.Idle);
            throw;
        }
    }

    private void SettleQueued()
    {
        if (status.Current.State != DemoReloadState.Queued || status.JobId is not { } id)
        {
            return;
        }

        StateData? state;
        using (var connection = storage.GetConnection())
        {
            state = connection.GetStateData(id);
        }

        var name = state?.Name;
        DemoReloadProgress? next =
            name is null || name == DeletedState.StateName ? new(DemoReloadState.Idle, 0, 0, "The queued job was deleted before it ran; nothing was loaded.")
            : name == FailedState.StateName ? new(DemoReloadState.Failed, 0, 0, "Loading the demo data failed: " + FailureOf(state!))
            : name == SucceededState.StateName ? new(DemoReloadState.Succeeded, 0, 0, "The background job finished on another instance.")
            : null; // still enqueued, scheduled or processing
        if (next is not null)
        {
            status.Settle(id, next);
        }
    }

    private static string FailureOf(StateData state) =>
        state.Data is not null && state.Data.TryGetValue("ExceptionMessage", out var message) && !string.IsNullOrEmpty(message)
            ? message
            : state.Reason ?? "the job failed.";

    private static bool IsOwner(System.Security.Claims.ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.IsInRole(DashboardRoles.Owner);
}
