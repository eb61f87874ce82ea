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
        if (!TryParse(sourceId, out var id))
        {
            return (null, NotFound(sourceId));
        }

        var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return source is null ? (null, NotFound(sourceId)) : (source, null);
    }

    /// <summary>
    /// Only whether the source exists, for the write endpoints: they need its id, not its row (whose credentials
    /// column can be large), and run on every single-object write.
    /// </summary>
    public static async Task<(long? Id, IResult? Problem)> FindIdAsync(
        DashboardDbContext db, string sourceId, CancellationToken cancellationToken, ExistingSources? known = null)
    {
        if (!TryParse(sourceId, out var id))
        {
            return (null, NotFound(sourceId));
        }

        if (known?.Contains(id) == true)
        {
            return (id, null);
        }

        if (!await SourceExists.For(db)(db, id, cancellationToken))
        {
            return (null, NotFound(sourceId));
        }

        known?.Add(id);
        return (id, null);
    }

    // Compiled once: every single-object write asks this, and translating the LINQ each time cost more than the query.
    private static readonly CompiledQuery<Func<DashboardDbContext, long, CancellationToken, Task<bool>>> SourceExists =
        new(() => EF.CompileAsyncQuery((DashboardDbContext db, long id, CancellationToken _) => db.Sources.Any(s => s.Id == id)));

    private static bool TryParse(string sourceId, out long id) =>
        long.TryParse(sourceId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id);

    private static IResult NotFound(string sourceId) => ApiProblems.NotFound("source_id", $"no source has the id '{sourceId}'");
}
