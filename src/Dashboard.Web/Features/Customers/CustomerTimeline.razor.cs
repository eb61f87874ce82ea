using Dashboard.Web.Components.Controls;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Customers;

/// <summary>
/// A customer's timeline (<see cref="CustomerTimelineModel"/>) with a filter by kind and, for users who may edit data,
/// the form to add a dated note and a delete button on notes. <see cref="OnAdd"/> answers the errors by field (none
/// when stored); the page reloads the timeline after <see cref="OnAdd"/> and <see cref="OnDelete"/>.
/// </summary>
public partial class CustomerTimeline : ComponentBase
{
    private static readonly (string Key, string Label)[] Filters =
    [
        ("all", "All"),
        ("mrr", "MRR"),
        ("money", "Payments"),
        ("subscriptions", "Subscriptions"),
        ("notes", "Notes and reasons"),
        ("attributes", "Attribute changes"),
    ];

    private string shown = "all";
    private DatedNoteDate date = new();
    private bool dateDefaulted;
    private string? text;
    private string? error;

    [Parameter, EditorRequired]
    public required IReadOnlyList<TimelineEntry> Entries { get; set; }

    [Parameter]
    public bool CanEdit { get; set; }

    /// <summary>The note form's date until the user picks one (today).</summary>
    [Parameter]
    public DateOnly? DefaultDate { get; set; }

    [Parameter]
    public Func<DateOnly?, string?, Task<IReadOnlyDictionary<string, string[]>>>? OnAdd { get; set; }

    [Parameter]
    public Func<long, Task>? OnDelete { get; set; }

    private List<TimelineEntry> Visible => Entries.Where(e => shown switch
    {
        "mrr" => e.Kind == TimelineKind.Movement,
        "money" => e.Kind is TimelineKind.Charge or TimelineKind.FailedCharge or TimelineKind.Refund or TimelineKind.Dispute,
        "subscriptions" => e.Kind == TimelineKind.Subscription,
        "notes" => e.Kind is TimelineKind.Note or TimelineKind.Cancellation,
        "attributes" => e.Kind == TimelineKind.AttributeChange,
        _ => true,
    }).ToList();

    protected override void OnParametersSet()
    {
        if (!dateDefaulted && DefaultDate is not null)
        {
            date = new DatedNoteDate(DefaultDate);
            dateDefaulted = true;
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
    }

    private async Task DeleteAsync(long noteId)
    {
        if (OnDelete is not null)
        {
            await OnDelete(noteId);
        }
    }

    private static string FieldName(string field) => field switch
    {
        "date" => "Date",
        "text" => "Note",
        "customer" => "Customer",
        _ => field,
    };
}
