using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Plans;

internal static class PlanReads
{
    public static async Task<PlanDto?> FindAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.SourceId == sourceId && p.ExternalId == oid, cancellationToken);
        return plan is null ? null : PlanDto.From(plan);
    }

    /// <summary>The stored plan as the import that would write it again, for a PUT that keeps what it does not name.</summary>
    public static async Task<PlanImport?> FindStoredAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.SourceId == sourceId && p.ExternalId == oid, cancellationToken);
        return plan is null ? null : new PlanImport
        {
            Oid = plan.ExternalId,
            Name = plan.Name,
            Currency = plan.Currency,
            Amount = plan.AmountMinor,
            Interval = plan.Interval,
            IntervalCount = plan.IntervalCount,
            TrialDuration = plan.TrialDuration,
            TrialDurationUnit = plan.TrialDurationUnit,
            IsMetered = plan.IsMetered,
        };
    }
}
