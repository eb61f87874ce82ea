using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Resolves the <c>{source_id}</c> of a per-source route (for <see cref="SourceRouteFilter"/>).</summary>
public static class SourceRoute
{
    /// <summary>
    /// Only whether the source exists: endpoints need its id, not its row (whose credentials column can be large), and
    /// this runs on every single-object write.
    /// </summary>
    public static async Task<(long? Id, NotFoundProblem? Problem)> FindIdAsync(
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

    private static NotFoundProblem NotFound(string sourceId) => ApiProblems.NotFound("source_id", $"no source has the id '{sourceId}'");
}
