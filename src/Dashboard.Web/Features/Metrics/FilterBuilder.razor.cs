using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Web.Services.Filters;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// The filter builder every filtered page shares: a field by its title, a condition in words ("is", "is at least"), a
/// value typed or picked from the values customers hold, and chips that read as sentences ("UTM source is google").
/// A filter still lacking a value is refused with a message. It emits <c>field:op:value</c> texts, so the page's URL
/// format is unchanged; it says when no customer matches, and owners and admins can save the filters as a segment.
/// </summary>
public partial class FilterBuilder : ComponentBase, IDisposable
{
    /// <summary>A field list longer than this gets a search box in its popup.</summary>
    private const int SearchableFrom = 8;
    private const string NoSegment = "No saved segment";

    private readonly string uid = "filter-" + Guid.NewGuid().ToString("N")[..8];
    private readonly CancellationTokenSource leaving = new();
    private FilterVocabulary vocabulary = FilterVocabulary.BuiltIn;
    private string fieldKey = FilterVocabulary.BuiltIn.Fields[0].Key;
    private string op = "eq";
    private string value = string.Empty;
    private string? problem;
    private bool canSave;
    private bool naming;
    private string segmentName = string.Empty;
    private string? saveProblem;
    private SavedSegment? saved;
    private int? matches;
    private bool highlighting;
    private string? countedFor;

    [Parameter, EditorRequired]
    public required IReadOnlyList<string> Filters { get; set; }

    [Parameter]
    public IReadOnlyList<SavedSegment> Segments { get; set; } = [];

    [Parameter]
    public long? SegmentId { get; set; }

    /// <summary>What the chips' place says while there are no filters.</summary>
    [Parameter]
    public string EmptyText { get; set; } = "All customers";

    /// <summary>Whether to offer "Save as segment" (to owners and admins); off where the builder edits a draft.</summary>
    [Parameter]
    public bool AllowSave { get; set; } = true;

    /// <summary>
    /// Whether to say so when no customer matches; off where the filters are not applied yet, and where the page says so
    /// itself in place of its numbers (<c>NoCustomerMatches</c>).
    /// </summary>
    [Parameter]
    public bool ShowMatches { get; set; } = true;

    [Parameter, EditorRequired]
    public required EventCallback<string> OnAdd { get; set; }

    [Parameter, EditorRequired]
    public required EventCallback<string> OnRemove { get; set; }

    [Parameter]
    public EventCallback<long?> OnSegment { get; set; }

    [Inject]
    public required IFilterChoices Choices { get; init; }

    private FilterOperatorOption Operator => FilterVocabulary.Operator(op) ?? FilterVocabulary.Operators[0];

    private bool TakesValue => Operator.TakesValue;

    private IReadOnlyList<FilterValueOption> KnownValues => vocabulary.Field(fieldKey)?.Values ?? [];

    /// <summary>The known values the value box suggests as one types; none for "is one of", whose text lists several.</summary>
    private IReadOnlyList<FilterValueOption> Suggestions => op == "in" ? [] : KnownValues;

    /// <summary>The saved segments to pick from, after the choice of none.</summary>
    private IReadOnlyList<SegmentChoice> SegmentChoices =>
        [new SegmentChoice(null, NoSegment, null), .. Segments.Select(s => new SegmentChoice(s.Id, s.Name, string.Join(" and ", s.Filters.Select(vocabulary.Describe))))];

    /// <summary>What the value's text box itself carries: whether it holds a refused value, and the message saying why.</summary>
    private Dictionary<string, object> ValueAttributes => problem is null
        ? new() { ["aria-invalid"] = "false" }
        : new() { ["aria-invalid"] = "true", ["aria-describedby"] = uid + "-problem" };

    private string ValueHint => op == "in" ? "values, separated by |" : KnownValues.Count > 0 ? "type or pick a value" : "value";

    protected override async Task OnInitializedAsync()
    {
        try
        {
            vocabulary = await Choices.VocabularyAsync(leaving.Token);
            canSave = await Choices.CanSaveSegmentsAsync();
        }
        catch (OperationCanceledException) when (leaving.IsCancellationRequested)
        {
            return;
        }

        if (vocabulary.Field(fieldKey) is null && vocabulary.Fields.Count > 0)
        {
            fieldKey = vocabulary.Fields[0].Key;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var key = (SegmentId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty) + "\n" + string.Join('\n', Filters);
        if (!ShowMatches || key == countedFor)
        {
            return;
        }

        countedFor = key;
        try
        {
            matches = await Choices.MatchingCustomersAsync(SegmentId, Filters, leaving.Token);
        }
        catch (MetricQueryException)
        {
            // A bad filter or an unknown segment: the page says what is wrong with it.
            matches = null;
        }
        catch (OperationCanceledException) when (leaving.IsCancellationRequested)
        {
            // The user left the page.
        }
    }

    private void OnFieldChanged(string key)
    {
        fieldKey = key ?? fieldKey;
        problem = null;
    }

    private void OnOperatorChanged(string key)
    {
        op = key ?? op;
        problem = null;
    }

    private void OnValueChanged(string text)
    {
        value = text ?? string.Empty;
        problem = null;
    }

    /// <summary>
    /// Enter adds the filter, except when it picks the suggestion chosen with the arrow keys (the value box takes that
    /// one, and the next Enter adds it). Handled on key up: the browser commits the typed text (its change event) before.
    /// </summary>
    private Task OnValueKeyAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "ArrowDown" or "ArrowUp":
                highlighting = Suggestions.Count > 0;
                return Task.CompletedTask;
            case "Enter" or "NumpadEnter" when highlighting:
                highlighting = false;
                return Task.CompletedTask;
            case "Enter" or "NumpadEnter":
                return AddAsync();
            default:
                highlighting = false;
                return Task.CompletedTask;
        }
    }

    private void OnSaveKey(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
        {
            CancelNaming();
        }
    }

    private void CancelNaming()
    {
        naming = false;
        saveProblem = null;
    }

    /// <summary>A value typed as a known value's label ("Stripe" for source 2) stands for that value.</summary>
    private string Resolve(string text)
    {
        var trimmed = text.Trim();
        if (KnownValues.Any(v => string.Equals(v.Value, trimmed, StringComparison.Ordinal)))
        {
            return trimmed;
        }

        return KnownValues.FirstOrDefault(v => string.Equals(v.Label, trimmed, StringComparison.OrdinalIgnoreCase))?.Value ?? trimmed;
    }

    private async Task AddAsync()
    {
        var (filter, why) = vocabulary.Compose(fieldKey, op, op == "in" ? value : Resolve(value));
        problem = why;
        if (filter is null)
        {
            return;
        }

        value = string.Empty;
        saved = null;
        if (!Filters.Contains(filter))
        {
            await OnAdd.InvokeAsync(filter);
        }
    }

    private void StartNaming()
    {
        naming = true;
        saved = null;
        saveProblem = null;
        segmentName = string.Join(", ", Filters.Select(vocabulary.Describe));
        if (segmentName.Length > 200)
        {
            segmentName = segmentName[..200];
        }
    }

    private async Task SaveAsync()
    {
        SegmentSaveResult result;
        try
        {
            result = await Choices.SaveSegmentAsync(segmentName, SegmentId, Filters, leaving.Token);
        }
        catch (Auth.AccessDeniedException denied)
        {
            saveProblem = denied.Message;
            return;
        }

        if (result.Segment is { } segment)
        {
            saved = segment;
            naming = false;
            saveProblem = null;
            return;
        }

        saveProblem = string.Join(" ", result.Errors.Select(e => e.Key == "name" ? $"The name {string.Join(", ", e.Value)}." : $"{e.Key} {string.Join(", ", e.Value)}."));
    }

    /// <summary>One entry of the segment picker: a saved segment, or none (no id).</summary>
    private sealed record SegmentChoice(long? Id, string Name, string? Description);

    public void Dispose()
    {
        leaving.Cancel();
        leaving.Dispose();
        GC.SuppressFinalize(this);
    }
}
