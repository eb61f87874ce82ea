using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Plans;

internal static class PlanReads
{
    public static async Task<PlanDto?> FindAsync(DashboardDbContext db, long sourceId, string oid, CancellationToken cancellationToken)
    {
        var row = await WithProvider(db, db.Plans.AsNoTracking().Where(p => p.SourceId == sourceId && p.ExternalId == oid)).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : PlanDto.From(row.Plan, row.Provider);
    }

    /// <summary>Plans with their source's provider, in the order of <paramref name="plans"/>.</summary>
    public static IQueryable<PlanRow> WithProvider(DashboardDbContext db, IQueryable<Plan> plans) =>
        from plan in plans
        join source in db.Sources.AsNoTracking() on plan.SourceId equals source.Id
        select new PlanRow { Plan = plan, Provider = source.Provider };

    /// <summary>The plans of these ids as the API shows them.</summary>
    public static async Task<Dictionary<long, PlanDto>> ByIdAsync(DashboardDbContext db, IReadOnlyCollection<long> planIds, CancellationToken cancellationToken) =>
        (await WithProvider(db, db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id))).ToListAsync(cancellationToken))
        .ToDictionary(r => r.Plan.Id, r => PlanDto.From(r.Plan, r.Provider));

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

/// <summary>A plan and its source's provider (settable members, so EF can order and filter on them).</summary>
internal sealed class PlanRow
{
    public required Plan Plan { get; init; }
    public SourceProvider Provider { get; init; }
}
