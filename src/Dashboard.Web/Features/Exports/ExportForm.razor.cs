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
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private ExportTable? preview;
    private string? previewProblem;
    private bool busy;

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

    private string Invalid(string field) => errors.ContainsKey(field) ? "true" : "false";

    private static string RangeLabel(string range) => char.ToUpperInvariant(range[0]) + range[1..].Replace('_', ' ');

    private void ToggleMetric(string name, ChangeEventArgs change)
    {
        Model.Metrics.Remove(name);
        if (change.Value is true)
        {
            Model.Metrics.Add(name);
        }
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
}
