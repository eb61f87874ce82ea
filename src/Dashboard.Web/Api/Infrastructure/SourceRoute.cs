using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Resolves the <c>{source_id}</c> of a per-source route.</summary>
public static class SourceRoute
{
    public static async Task<(Source? Source, IResult? Problem)> FindAsync(
        DashboardDbContext db, string sourceId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(sourceId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return (null, ApiProblems.NotFound("source_id", $"no source has the id '{sourceId}'"));
        }

        var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return source is null
            ? (null, ApiProblems.NotFound("source_id", $"no source has the id '{sourceId}'"))
            : (source, null);
    }
}
