using System.Globalization;
using Dashboard.Core.Timelines;
using Dashboard.Web.Auth;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Filters;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Segments;

/// <summary>
/// Saved segments: create, edit and delete them with the filter builder (validated like the REST API), see each one's
/// MRR and paying customers today, open any metric for it, and pick 2 to 4 to compare. Every role reads; only owners and
/// admins see the editing buttons, and <see cref="SegmentService"/> refuses anyone else's write. Loading and failing:
/// <see cref="DataPage"/>.
/// </summary>
public partial class SegmentsPage : DataPage
{
    private readonly HashSet<long> picked = [];
    private readonly Dictionary<long, string> metricChoice = [];
    private IReadOnlyList<SegmentRow>? rows;
    private string currency = "USD";
    private FilterVocabulary vocabulary = FilterVocabulary.BuiltIn;

    private bool editing;
    private long? editingId;
    private string originalName = string.Empty;
    private string name = string.Empty;
    private List<string> draftFilters = [];
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private long? confirmDelete;
    private bool canEdit;

    [Inject]
    public required SegmentService Store { get; init; }

    [Inject]
    public required MetricQueryService Query { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required AccessGuard Access { get; init; }

    /// <summary>The filter builder's words, so the table's chips read as its chips do ("Plan is pro").</summary>
    [Inject]
    public required IFilterChoices Choices { get; init; }

    private string CompareHref => "segments/compare?metric=mrr&" + string.Join('&', picked.Order().Select(id => "segment_id=" + id.ToString(CultureInfo.InvariantCulture)));

    protected override async Task OnInitializedAsync()
    {
        canEdit = await Access.AllowsAsync(DashboardPolicies.Manage);
        await LoadSegmentsAsync();
    }

    private Task LoadSegmentsAsync() => LoadAsync(async () =>
    {
        var segments = await Store.ListAsync(Leaving);
        vocabulary = await Choices.VocabularyAsync(Leaving);
        var engine = await Query.EngineAsync(Leaving);
        currency = engine.ReportingCurrency;
        rows = SegmentRow.Compute(engine, Query.Today(engine), segments);
        foreach (var segment in segments)
        {
            metricChoice.TryAdd(segment.Id, "mrr");
        }

        picked.IntersectWith(segments.Select(s => s.Id));
    });

    private string MetricHref(long id) =>
        $"metrics/{Uri.EscapeDataString(metricChoice.GetValueOrDefault(id, "mrr"))}?segment_id={id.ToString(CultureInfo.InvariantCulture)}";

    private void StartNew() => Edit(null, string.Empty, []);

    private void StartEdit(SavedSegment segment) => Edit(segment.Id, segment.Name, segment.Filters);

    private void Edit(long? id, string segmentName, IReadOnlyList<string> filters)
    {
        editing = true;
        editingId = id;
        originalName = segmentName;
        name = segmentName;
        draftFilters = [.. filters];
        errors = new Dictionary<string, string[]>();
        confirmDelete = null;
    }

    private void Cancel()
    {
        editing = false;
        errors = new Dictionary<string, string[]>();
    }

    private void AddFilter(string filter)
    {
        if (!draftFilters.Contains(filter))
        {
            draftFilters = [.. draftFilters, filter];
        }
    }

    private void RemoveFilter(string filter) => draftFilters = draftFilters.Where(f => f != filter).ToList();

    private async Task SaveAsync()
    {
        SegmentSaveResult result;
        try
        {
            result = editingId is { } id
                ? await Store.UpdateAsync(id, name, draftFilters, Leaving)
                : await Store.CreateAsync(name, draftFilters, Leaving);
        }
        catch (AccessDeniedException denied)
        {
            Error = denied.Message;
            return;
        }

        if (!result.Succeeded)
        {
            errors = result.Errors;
            return;
        }

        editing = false;
        errors = new Dictionary<string, string[]>();
        await LoadSegmentsAsync();
    }

    private async Task DeleteAsync(long id)
    {
        confirmDelete = null;
        SavedSegment? deleted;
        try
        {
            deleted = await Store.DeleteAsync(id, Leaving);
        }
        catch (AccessDeniedException denied)
        {
            Error = denied.Message;
            return;
        }

        picked.Remove(id);
        await LoadSegmentsAsync();
        if (deleted is null && Error is null)
        {
            // Said after the reload, which would clear it.
            Error = $"Segment {id} no longer exists.";
        }
    }

    private void Toggle(long id, bool on)
    {
        if (on)
        {
            picked.Add(id);
        }
        else
        {
            picked.Remove(id);
        }
    }

    /// <summary>"Name", "Filter 2 field" for the API's "name", "filters[1].field".</summary>
    public static string FieldLabel(string field)
    {
        if (field.StartsWith("filters[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var close and > 8
            && int.TryParse(field.AsSpan(8, close - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            var part = field[(close + 1)..].TrimStart('.');
            return $"Filter {index + 1}" + (part.Length > 0 ? " " + part : string.Empty) + ":";
        }

        return char.ToUpperInvariant(field[0]) + field[1..] + ":";
    }
}
