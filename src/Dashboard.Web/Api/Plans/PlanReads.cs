using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Plans;

internal static class PlanReads
{
    public static async Task<PlanDto?> FindAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.SourceId == sourceId && p.ExternalId == oid, cancellationToken);
        return plan is null ? null : PlanDto.From(plan);
    }
}
