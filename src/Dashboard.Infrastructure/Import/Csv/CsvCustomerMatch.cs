using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>
/// Finds the customers of attribute rows in the import's source the way SetAttributesAsync will: by oid, else by
/// email (case-insensitive). Checking here lets a file with an unknown customer be refused before anything is written.
/// </summary>
internal static class CsvCustomerMatch
{
    public static async Task<List<(long? Id, bool Ambiguous)>> FindAsync(
        DashboardDbContext db, long sourceId, IReadOnlyList<CsvAttributeRow> rows, CancellationToken ct)
    {
        var byOid = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var keys in rows.Select(r => r.CustomerOid).OfType<string>().Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var list = keys.ToList();
            foreach (var (oid, id) in await db.Customers.AsNoTracking()
                         .Where(c => c.SourceId == sourceId && list.Contains(c.ExternalId))
                         .Select(c => new ValueTuple<string, long>(c.ExternalId, c.Id)).ToListAsync(ct))
            {
                byOid[oid] = id;
            }
        }

        var emails = rows.Where(r => r.CustomerOid is null || !byOid.ContainsKey(r.CustomerOid))
            .Select(r => r.Email?.Trim().ToLowerInvariant()).OfType<string>().Distinct(StringComparer.Ordinal);
        var byEmail = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var keys in emails.Chunk(500))
        {
            var list = keys.ToList();
            foreach (var (email, id) in await db.Customers.AsNoTracking()
                         .Where(c => c.SourceId == sourceId && c.Email != null && list.Contains(c.Email.ToLower()))
                         .Select(c => new ValueTuple<string, long>(c.Email!.ToLower(), c.Id)).ToListAsync(ct))
            {
                (byEmail.TryGetValue(email, out var ids) ? ids : byEmail[email] = []).Add(id);
            }
        }

        return rows.Select(row =>
        {
            if (row.CustomerOid is { } oid && byOid.TryGetValue(oid, out var id))
            {
                return (id, false);
            }

            return row.Email?.Trim().ToLowerInvariant() is { } email && byEmail.TryGetValue(email, out var ids)
                ? ids.Count == 1 ? (ids[0], false) : ((long?)null, true)
                : ((long?)null, false);
        }).ToList();
    }
}
