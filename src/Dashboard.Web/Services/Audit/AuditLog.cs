using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Audit;

/// <summary>The store-backed <see cref="IAuditLog"/>: each entry is its own short write, outside the caller's context.</summary>
public sealed partial class AuditLog(IDbContextFactory<DashboardDbContext> contextFactory, TimeProvider time, ILogger<AuditLog> logger) : IAuditLog
{
    public const int MaxPerPage = 200;

    /// <summary>Pages beyond this are refused, so an offset never overflows.</summary>
    public const int MaxPage = 1_000_000;

    public async Task RecordAsync(AuditActor actor, string action, string? target, CancellationToken cancellationToken = default)
    {
        var entry = new AuditEntry
        {
            OccurredAt = time.GetUtcNow(),
            Action = Clip(action, AuditEntry.ActionLength)!,
            Actor = Clip(actor.Name, AuditEntry.ActorLength)!,
            ActorId = Clip(actor.Id, AuditEntry.ActorLength),
            Target = Clip(target, AuditEntry.TargetLength),
            RemoteIp = Clip(actor.RemoteIp, AuditEntry.RemoteIpLength),
        };
        try
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            context.AuditLog.Add(entry);
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // The action already happened; losing its audit line must not turn it into an error for the user.
            LogWriteFailed(logger, exception, entry.Action, entry.Actor, entry.Target);
        }
    }

    public async Task<AuditPage> ReadAsync(int page, int perPage, string? action = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(page, MaxPage);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(perPage, MaxPerPage);

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = context.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(e => e.Action == action);
        }

        var rows = await query
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * perPage)
            .Take(perPage + 1)
            .ToListAsync(cancellationToken);
        var hasMore = rows.Count > perPage;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new AuditPage(page, perPage, rows, hasMore);
    }

    private static string? Clip(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the audit entry {Action} by {Actor} on {Target}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string action, string actor, string? target);
}
