using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Segments;

/// <summary>
/// The outcome of a save: the segment, or the errors by field (<c>name</c>, <c>filters[0].field</c>) with nothing
/// changed; <see cref="NotFound"/> when the segment to update does not exist.
/// </summary>
public sealed record SegmentSaveResult(SavedSegment? Segment, IReadOnlyDictionary<string, string[]> Errors, bool NotFound = false)
{
    public bool Succeeded => Segment is not null;
}

/// <summary>
/// What a save writes: the name and filters as given (null is missing, an error), except that an update keeps the stored
/// name or filters when <see cref="KeepName"/> or <see cref="KeepFilters"/> says so (a REST PUT that does not name them).
/// </summary>
public sealed record SegmentChange(string? Name, IReadOnlyList<SegmentFilterInput?>? Filters, bool KeepName = false, bool KeepFilters = false)
{
    /// <summary>The filter builder's <c>field:op:value</c> texts.</summary>
    public static SegmentChange FromTexts(string? name, IReadOnlyList<string> filters) =>
        new(name, filters.Select(SegmentFilterInput.FromText).ToList());
}

/// <summary>
/// Saved segments (the <c>segments</c> table) for the REST API, the Segments page, the metric views and the customer
/// list: listing, saving through <see cref="SegmentRules"/>, deleting, and resolving a segment id into the filters a
/// metric query takes. Each call uses its own short-lived context. Creating, changing and deleting need the
/// <see cref="DashboardPolicies.EditData"/> rule (an owner or admin, or an API key that may write), checked here for
/// every caller; otherwise <see cref="AccessDeniedException"/> and nothing changes.
/// </summary>
public sealed class SegmentService(IDbContextFactory<DashboardDbContext> contexts, AccessGuard access)
{
    private const string EditAction = "change saved segments";

    /// <summary>Every segment by name, as pickers list them.</summary>
    public async Task<IReadOnlyList<SavedSegment>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Segments.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return rows.Select(ToSaved).ToList();
    }

    /// <summary>A page of segments in id order (the REST list), with whether more follow.</summary>
    public async Task<(IReadOnlyList<SavedSegment> Items, bool HasMore)> PageAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Segments.AsNoTracking().OrderBy(s => s.Id).Skip(skip).Take(take + 1).ToListAsync(cancellationToken);
        return (rows.Take(take).Select(ToSaved).ToList(), rows.Count > take);
    }

    public async Task<SavedSegment?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return segment is null ? null : ToSaved(segment);
    }

    /// <summary>
    /// The filters of saved segment <paramref name="segmentId"/>, as a metric query takes them. Throws
    /// <see cref="MetricQueryException"/> naming <c>segment_id</c> when there is no such segment.
    /// </summary>
    public async Task<IReadOnlyList<SegmentFilter>> FiltersOfAsync(long segmentId, CancellationToken cancellationToken)
    {
        var segment = await FindAsync(segmentId, cancellationToken)
            ?? throw new MetricQueryException("segment_id", $"There is no segment {segmentId}.");
        return segment.Rules
            .Select(r => new SegmentFilter(r.Field, SegmentFilter.ParseOperator(r.Op, r.Field), r.Value ?? string.Empty))
            .ToList();
    }

    /// <summary>Creates a segment from the filter builder's <c>field:op:value</c> texts.</summary>
    public Task<SegmentSaveResult> CreateAsync(string? name, IReadOnlyList<string> filters, CancellationToken cancellationToken) =>
        SaveAsync(null, SegmentChange.FromTexts(name, filters), cancellationToken);

    /// <summary>Replaces a segment's name and filters with the filter builder's.</summary>
    public Task<SegmentSaveResult> UpdateAsync(long id, string? name, IReadOnlyList<string> filters, CancellationToken cancellationToken) =>
        SaveAsync(id, SegmentChange.FromTexts(name, filters), cancellationToken);

    public Task<SegmentSaveResult> CreateAsync(SegmentChange change, CancellationToken cancellationToken) =>
        SaveAsync(null, change, cancellationToken);

    /// <summary>Changes the segment as <paramref name="change"/> says; NotFound when there is no such segment.</summary>
    public Task<SegmentSaveResult> UpdateAsync(long id, SegmentChange change, CancellationToken cancellationToken) =>
        SaveAsync(id, change, cancellationToken);

    /// <summary>The segment as it was before it was deleted, or null when there was none.</summary>
    public async Task<SavedSegment?> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await access.DemandAsync(DashboardPolicies.EditData, EditAction);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (segment is null)
        {
            return null;
        }

        db.Segments.Remove(segment);
        await db.SaveChangesAsync(cancellationToken);
        return ToSaved(segment);
    }

    private async Task<SegmentSaveResult> SaveAsync(long? id, SegmentChange change, CancellationToken cancellationToken)
    {
        await access.DemandAsync(DashboardPolicies.EditData, EditAction);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var segment = id is { } key ? await db.Segments.FirstOrDefaultAsync(s => s.Id == key, cancellationToken) : null;
        if (id is not null && segment is null)
        {
            var missing = new FieldErrors();
            missing.Add("id", $"no segment has the id '{id}'");
            return new SegmentSaveResult(null, missing.ToDictionary(), NotFound: true);
        }

        var name = change.KeepName && segment is not null ? segment.Name : change.Name;
        var filters = change.KeepFilters && segment is not null
            ? SavedFilters.Parse(segment.FiltersJson).Select(f => new SegmentFilterInput(f.Field, f.Op, f.Value)).ToList()
            : change.Filters;
        var attributeFields = await db.AttributeFields.AsNoTracking().ToDictionaryAsync(f => f.Key, f => f.Type, cancellationToken);
        var errors = new FieldErrors();
        var valid = SegmentRules.Validate(name, filters, attributeFields, errors);
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
        segment.FiltersJson = SavedFilters.Serialize(valid);
        await db.SaveChangesAsync(cancellationToken);
        return new SegmentSaveResult(ToSaved(segment), new Dictionary<string, string[]>());
    }

    private static SavedSegment ToSaved(Segment segment) => new(segment.Id, segment.Name, SavedFilters.Parse(segment.FiltersJson));
}
