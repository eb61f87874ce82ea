using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Sources;

/// <summary>A source as pickers and notes show it.</summary>
public sealed record SourceSummary(long Id, string Name, SourceProvider Provider);

/// <summary>The sources data comes from, for the pages that name or pick them; each call uses its own short-lived context.</summary>
public sealed class SourceDirectory(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>Every source, by name.</summary>
    public async Task<IReadOnlyList<SourceSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sources.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new SourceSummary(s.Id, s.Name, s.Provider)).ToListAsync(cancellationToken);
    }

    /// <summary>The oldest source that takes pushed data (REST API), or null when there is none.</summary>
    public async Task<SourceSummary?> FirstApiSourceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sources.AsNoTracking().Where(s => s.Provider == SourceProvider.Api).OrderBy(s => s.Id)
            .Select(s => new SourceSummary(s.Id, s.Name, s.Provider)).FirstOrDefaultAsync(cancellationToken);
    }
}
