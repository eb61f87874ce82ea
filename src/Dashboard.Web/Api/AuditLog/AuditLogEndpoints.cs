using System.Globalization;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api.AuditLog;

/// <summary><c>GET /api/v1/audit_log?page=&amp;per_page=&amp;action=</c> (admin keys only): the audit log, newest first.</summary>
public static class AuditLogEndpoints
{
    public static void MapAuditLog(this RouteGroupBuilder api) =>
        api.MapGet("/audit_log", ListAsync)
            .WithTags("Audit log")
            .AllowListQuery("action")
            .RequireAuthorization(ApiKeyAuthentication.AdminPolicy)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<Results<ApiOk<AuditLogList>, InvalidProblem>> ListAsync(HttpRequest request, IAuditLog auditLog, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        if (paging is not null && paging.Page >= Services.Audit.AuditLog.MaxPage)
        {
            errors.Add("page", $"must be at most {(Services.Audit.AuditLog.MaxPage - 1).ToString(CultureInfo.InvariantCulture)}");
        }

        var action = request.Query["action"].ToString();
        if (action.Length > 0 && !AuditActions.All.Contains(action))
        {
            errors.Add("action", $"must be one of {string.Join(", ", AuditActions.All)}");
        }

        if (paging is null || errors.Any)
        {
            return errors.ToProblem();
        }

        // The API counts pages from 0, as Baremetrics does; the log's reader (shared with the Settings page) from 1.
        var page = await auditLog.ReadAsync(paging.Page + 1, paging.PerPage, action.Length > 0 ? action : null, cancellationToken);
        return new ApiOk<AuditLogList>(new AuditLogList(
            page.Entries.Select(AuditEntryDto.From).ToList(),
            new PaginationMeta(new Pagination(paging.Page, page.PerPage, page.HasMore))));
    }
}

/// <summary>One audit entry: <c>occurred_at</c> in unix seconds, the actor, action, target and client address.</summary>
public sealed record AuditEntryDto(long Id, DateTimeOffset OccurredAt, string Actor, string? ActorId, string Action, string? Target, string? RemoteIp)
{
    public static AuditEntryDto From(AuditEntry entry) =>
        new(entry.Id, entry.OccurredAt, entry.Actor, entry.ActorId, entry.Action, entry.Target, entry.RemoteIp);
}

public sealed record AuditLogList(IReadOnlyList<AuditEntryDto> AuditLog, PaginationMeta Meta);
