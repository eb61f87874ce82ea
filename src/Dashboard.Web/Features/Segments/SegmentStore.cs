using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Segments;
using Dashboard.Web.Features.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Segments;

/// <summary>
/// The outcome of a save: the segment, or the errors by field (<c>name</c>, <c>filters[0].field</c>) with nothing changed.
/// </summary>
public sealed record SegmentSaveResult(SavedSegment? Segment, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Segment is not null;
}

/// <summary>
/// Saved segments (the <c>segments</c> table) for the Segments page, through the same validation as
/// <c>POST/PUT /api/v1/segments</c> (<see cref="SegmentValidation"/>). Filters are the filter builder's
/// <c>field:op:value</c> texts. Each call uses its own short-lived context.
/// </summary>
public sealed class SegmentStore(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyList<SavedSegment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Segments.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return rows.Select(ToSaved).ToList();
    }

    public Task<SegmentSaveResult> CreateAsync(string? name, IReadOnlyList<string> filters, CancellationToken cancellationToken) =>
        SaveAsync(null, name, filters, cancellationToken);

    public Task<SegmentSaveResult> UpdateAsync(long id, string? name, IReadOnlyList<string> filters, CancellationToken cancellationToken) =>
        SaveAsync(id, name, filters, cancellationToken);

    /// <summary>True when the segment existed and is gone now.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (segment is null)
        {
            return false;
        }

        db.Segments.Remove(segment);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<SegmentSaveResult> SaveAsync(long? id, string? name, IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = new FieldErrors();
        Segment? segment = null;
        if (id is { } key)
        {
            segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == key, cancellationToken);
            if (segment is null)
            {
                errors.Add("id", $"no segment has the id '{key}'");
                return new SegmentSaveResult(null, errors.ToDictionary());
            }
        }

        var valid = await SegmentValidation.ValidateAsync(db, name, filters.Select(SegmentValidation.FromText).ToList(), errors, cancellationToken);
        if (valid is null)
        {
            return new SegmentSaveResult(null, errors.ToDictionary());
        }

        if (segment is null)
        {
            segment = new Segment { Name = string.Empty, FiltersJson = "[]" };
            db.Segments.Add(segment);
        }

        segment.Name = name!.Trim();
        segment.FiltersJson = SegmentFilters.Serialize(valid);
        await db.SaveChangesAsync(cancellationToken);
        return new SegmentSaveResult(ToSaved(segment), new Dictionary<string, string[]>());
    }

    private static SavedSegment ToSaved(Segment segment) =>
        new(segment.Id, segment.Name, SegmentFilters.Parse(segment.FiltersJson).Select(f => $"{f.Field}:{f.Op}:{f.Value}").ToList());
}
