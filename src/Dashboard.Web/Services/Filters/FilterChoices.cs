using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Services.Sources;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Filters;

/// <summary>What the filter builder asks of the app: the words and values to offer, who matches, and saving a segment.</summary>
public interface IFilterChoices
{
    /// <summary>The fields by title with the values the engine's dictionaries hold (sources and plans by name).</summary>
    Task<FilterVocabulary> VocabularyAsync(CancellationToken cancellationToken);

    /// <summary>How many customers a saved segment and filters keep; null without any filter.</summary>
    Task<int?> MatchingCustomersAsync(long? segmentId, IReadOnlyList<string> filters, CancellationToken cancellationToken);

    /// <summary>True when the signed-in user may save segments (owners and admins).</summary>
    Task<bool> CanSaveSegmentsAsync();

    /// <summary>Saves the saved segment's filters plus <paramref name="filters"/> as a new segment named <paramref name="name"/>.</summary>
    Task<SegmentSaveResult> SaveSegmentAsync(string? name, long? segmentId, IReadOnlyList<string> filters, CancellationToken cancellationToken);
}

/// <summary>The filter builder's services over the metrics engine, the attribute fields, the sources and the saved segments.</summary>
public sealed class FilterChoices(
    MetricQueryService query,
    SourceDirectory sources,
    SegmentService segments,
    AccessGuard access,
    IDbContextFactory<DashboardDbContext> contexts) : IFilterChoices
{
    public async Task<FilterVocabulary> VocabularyAsync(CancellationToken cancellationToken)
    {
        var engine = await query.EngineAsync(cancellationToken);
        var set = engine.Current;
        var sourceNames = (await sources.ListAsync(cancellationToken)).ToDictionary(s => s.Id.ToString(CultureInfo.InvariantCulture), s => s.Name);
        List<AttributeField> attributeFields;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            attributeFields = await db.AttributeFields.AsNoTracking().OrderBy(f => f.Title).ToListAsync(cancellationToken);
        }

        IReadOnlyList<FilterValueOption> Plain(string field) => set.KnownValues(field).Select(v => new FilterValueOption(v, v)).ToList();

        var sourceValues = set.KnownValues("source").Union(sourceNames.Keys)
            .Select(id => new FilterValueOption(id, sourceNames.TryGetValue(id, out var name) ? name : $"Source {id}"))
            .OrderBy(o => o.Label, StringComparer.OrdinalIgnoreCase).ToList();
        var sharedNames = set.Plans.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var planValues = set.Plans.Select(p => p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase)
            .Select(n => new FilterValueOption(n, n))
            .Concat(set.Plans.Where(p => sharedNames.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Currency, StringComparer.Ordinal)
                .Select(p => new FilterValueOption(p.ExternalId, $"{p.Name} ({p.Currency})")))
            .ToList();

        var fields = FilterVocabulary.BuiltInFields(sourceValues, Plain("currency"), Plain("country"), planValues, []).ToList();
        foreach (var attribute in attributeFields.Where(a => !SegmentRules.BuiltInFields.Contains(a.Key)))
        {
            fields.Add(new FilterFieldOption(attribute.Key, attribute.Title, attribute.Type == AttributeType.Boolean
                ? [new("true", "yes"), new("false", "no")]
                : Plain(attribute.Key), Comparable: attribute.Type is AttributeType.Number or AttributeType.Date));
        }

        return new FilterVocabulary(fields);
    }

    public async Task<int?> MatchingCustomersAsync(long? segmentId, IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        if (segmentId is null && filters.Count == 0)
        {
            return null;
        }

        var resolved = await query.FiltersAsync(segmentId, filters, cancellationToken);
        return (await query.EngineAsync(cancellationToken)).CountCustomers(resolved);
    }

    public Task<bool> CanSaveSegmentsAsync() => access.AllowsAsync(DashboardPolicies.Manage);

    public async Task<SegmentSaveResult> SaveSegmentAsync(string? name, long? segmentId, IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        var all = new List<string>();
        if (segmentId is { } id && await segments.FindAsync(id, cancellationToken) is { } saved)
        {
            all.AddRange(saved.Filters);
        }

        all.AddRange(filters.Where(f => !all.Contains(f)));
        return await segments.CreateAsync(name, all, cancellationToken);
    }
}
