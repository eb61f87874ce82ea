using System.Globalization;
using Dashboard.Infrastructure.Demo;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Services.Demo;

/// <summary>
/// The audit entries of a demo load, the same from Settings → Sources (<c>DemoReloadJob</c>) and from the command line
/// (<c>reload-demo</c>): <c>demo.loaded</c> naming the source, or <c>demo.load_failed</c> with the reason and, when the
/// load had written a source, that it was removed again.
/// </summary>
public static class DemoReloadAudit
{
    public static Task LoadedAsync(IAuditLog audit, AuditActor actor, DemoReloadResult loaded, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, AuditActions.DemoLoaded,
            string.Create(CultureInfo.InvariantCulture, $"{AuditActor.Source(loaded.SourceId)} '{loaded.Name}' with {loaded.Customers} customers"),
            cancellationToken);

    /// <summary>Written whatever the caller's cancellation: a cancelled load is a failure worth recording.</summary>
    public static Task FailedAsync(IAuditLog audit, AuditActor actor, Exception failure) =>
        audit.RecordAsync(actor, AuditActions.DemoLoadFailed,
            failure is DemoReloadFailedException partial
                ? $"{AuditActor.Source(partial.SourceId)} (removed again): {failure.Message}"
                : failure.Message,
            CancellationToken.None);
}
