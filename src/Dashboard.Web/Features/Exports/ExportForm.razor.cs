using System.Globalization;
using Dashboard.Core.Exports;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Exports;

/// <summary>What a preview found: the first rows, or the fields at fault, or why the rows could not be built.</summary>
public sealed record ExportPreview(ExportTable? Table, IReadOnlyDictionary<string, string[]> Errors, string? Problem = null);

/// <summary>
/// The create/edit form of an export. It validates nothing itself: <see cref="Save"/> and <see cref="Preview"/> get the
/// draft and answer with the errors (keyed like the REST API's) or the preview rows, so the form shows exactly what the
/// service decided.
/// </summary>
public partial class ExportForm : ComponentBase
{
    public const int PreviewRows = 5;

    private static readonly string[] Intervals = ["day", "week", "month", "quarter", "year"];
    private static readonly Choice[] Kinds = [new("metrics", "Metrics"), new("customers", "Customer list"), new("digest", "Digest")];
    private static readonly Choice[] Ranges = RelativeRanges.All.Select(r => new Choice(r, RangeLabel(r))).ToArray();
    private static readonly Choice[] Frequencies = [new("daily", "Daily"), new("weekly", "Weekly"), new("monthly", "Monthly"), new("cron", "Cron")];
    private static readonly Choice[] Weekdays =
        new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(d => new Choice(d, RangeLabel(d))).ToArray();

    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private ExportTable? preview;
    private string? previewProblem;
    private bool busy;
    private int previewVersion;

    [Parameter, EditorRequired]
    public required ExportFormModel Model { get; set; }

    [Parameter]
    public string Title { get; set; } = "New export";

    [Parameter]
    public IReadOnlyList<MetricDefinition> MetricChoices { get; set; } = MetricCatalog.All;

    [Parameter]
    public IReadOnlyList<SavedSegment> Segments { get; set; } = [];

    /// <summary>Saves the draft; answers the errors by field, none when it was saved.</summary>
    [Parameter, EditorRequired]
    public required Func<ExportDraft, Task<IReadOnlyDictionary<string, string[]>>> Save { get; set; }

    [Parameter, EditorRequired]
    public required Func<ExportDraft, Task<ExportPreview>> Preview { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    private string SegmentText
    {
        get => Model.SegmentId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        set => Model.SegmentId = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>"All customers" (no segment), then the saved segments by name.</summary>
    private IReadOnlyList<Choice> SegmentChoices =>
        [new(string.Empty, "All customers"), .. Segments.Select(s => new Choice(s.Id.ToString(CultureInfo.InvariantCulture), s.Name))];

    private string Invalid(string field) => errors.ContainsKey(field) ? "true" : "false";

    /// <summary>
    /// Attributes for the input inside a Radzen switch or number box (splatted attributes land on its wrapper, while
    /// the input is what takes focus and clicks): what tests find it by, and whether the service refused it.
    /// </summary>
    private static Dictionary<string, object> Marked(string testId, string? invalid = null)
    {
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal) { ["data-testid"] = testId };
        if (invalid is not null)
        {
            attributes["aria-invalid"] = invalid;
        }

        return attributes;
    }

    private static string RangeLabel(string range) => char.ToUpperInvariant(range[0]) + range[1..].Replace('_', ' ');

    protected override Task OnInitializedAsync() => RefreshPreviewAsync();

    private Task ToggleMetricAsync(string name, bool ticked)
    {
        Model.Metrics.Remove(name);
        if (ticked)
        {
            Model.Metrics.Add(name);
        }

        return RefreshPreviewAsync();
    }

    /// <summary>
    /// The live preview: after every change of what the rows depend on (kind, metrics, range, interval, segment,
    /// filters) the first rows are asked for again; the name, schedule and deliveries play no part, so a half-filled
    /// form still previews. Only the answer to the latest change is shown; a problem with the rows is shown in place of them.
    /// </summary>
    private async Task RefreshPreviewAsync()
    {
        var version = ++previewVersion;
        var draft = Model.ToDraft() with
        {
            Name = "preview",
            Schedule = new ScheduleDraft("daily", "00:00"),
            Deliveries = [],
            Paused = false,
        };
        var result = await Preview(draft);
        if (version != previewVersion)
        {
            return;
        }

        preview = result.Table;
        previewProblem = result.Problem ?? (result.Errors.Count == 0 ? null : string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
    }

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            errors = await Save(Model.ToDraft());
        }
        finally
        {
            busy = false;
        }
    }

    private async Task PreviewAsync()
    {
        busy = true;
        try
        {
            ++previewVersion;
            var result = await Preview(Model.ToDraft());
            errors = result.Errors;
            preview = result.Table;
            previewProblem = result.Problem;
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>A dropdown's entry: the value the draft gets and the text shown.</summary>
    private sealed record Choice(string Value, string Text);
}
