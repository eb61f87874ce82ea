using Dashboard.Infrastructure.Data;

namespace Dashboard.Web.Services.Audit;

/// <summary>
/// The audit log: who did what, when and from where, for sign-ins, users, API keys, sources, settings, imports and
/// deletions through the API. Read by owners (Settings -> Audit log) and admin API keys (<c>GET /api/v1/audit_log</c>).
/// </summary>
public interface IAuditLog
{
    /// <summary>Records one action now (UTC). A failure to write is logged and never fails the action itself.</summary>
    Task RecordAsync(AuditActor actor, string action, string? target, CancellationToken cancellationToken = default);

    /// <summary>One page (from 1) of entries, newest first, optionally of one action only.</summary>
    Task<AuditPage> ReadAsync(int page, int perPage, string? action = null, CancellationToken cancellationToken = default);
}

/// <summary>A page of the audit log; <see cref="HasMore"/> when an older page exists.</summary>
public sealed record AuditPage(int Page, int PerPage, IReadOnlyList<AuditEntry> Entries, bool HasMore);
