using Dashboard.Web.Components.Controls;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// Annotation markers under the metric chart and the add form. The form's date defaults to <see cref="DefaultDate"/>
/// (the clicked bucket, else the last); <see cref="OnAdd"/> stores the note and answers the errors by field (none when stored).
/// </summary>
public partial class AnnotationPanel : ComponentBase
{
    private readonly string idPrefix = $"annotation-{Guid.NewGuid():N}";
    private DatedNoteDate date = new();
    private string? text;
    private string? error;
    private DateOnly? shownDefault;
    private bool open;
    private int seenOpenRequest;

    [Parameter]
    [EditorRequired]
    public required ChartNotesModel Model { get; set; }

    [Parameter]
    public bool CanAdd { get; set; }

    [Parameter]
    public DateOnly? DefaultDate { get; set; }

    [Parameter]
    public Func<DateOnly?, string?, Task<IReadOnlyDictionary<string, string[]>>>? OnAdd { get; set; }

    /// <summary>Whether the form waits behind an "Add annotation" button (pages where the chart is not the page's subject).</summary>
    [Parameter]
    public bool Collapsed { get; set; }

    /// <summary>Whether to list the notes under the markers.</summary>
    [Parameter]
    public bool ShowList { get; set; } = true;

    /// <summary>Raised by the page (a chart point was clicked): opens the collapsed form at <see cref="DefaultDate"/>.</summary>
    [Parameter]
    public int OpenRequest { get; set; }

    protected override void OnParametersSet()
    {
        if (OpenRequest != seenOpenRequest)
        {
            seenOpenRequest = OpenRequest;
            open = true;
            shownDefault = null;
        }

        if (DefaultDate != shownDefault)
        {
            shownDefault = DefaultDate;
            date = new DatedNoteDate(DefaultDate);
        }
    }

    private async Task SubmitAsync()
    {
        if (OnAdd is null)
        {
            return;
        }

        if (!date.TryRead(out var day))
        {
            error = DatedNoteInput.BadDate;
            return;
        }

        var errors = await OnAdd(day, text);
        if (errors.Count > 0)
        {
            error = DatedNoteInput.Describe(errors, FieldName);
            return;
        }

        error = null;
        text = null;
        open = false;
    }

    private string DateId => $"{idPrefix}-date";

    private string TextId => $"{idPrefix}-text";

    private static string FieldName(string field) => field switch
    {
        "date" => "Date",
        "annotation" => "Note",
        _ => field,
    };
}
