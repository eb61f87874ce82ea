using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// A small segment builder: field, operator and value make a <c>field:op:value</c> filter; saved segments apply by id.
/// The page puts both into the URL and queries again.
/// </summary>
public partial class FilterBuilder : ComponentBase
{
    private string field = FilterFields.Fixed[0];
    private string op = "eq";
    private string value = string.Empty;

    [Parameter, EditorRequired]
    public required IReadOnlyList<string> Fields { get; set; }

    [Parameter, EditorRequired]
    public required IReadOnlyList<string> Filters { get; set; }

    [Parameter, EditorRequired]
    public required IReadOnlyList<SavedSegment> Segments { get; set; }

    [Parameter]
    public long? SegmentId { get; set; }

    [Parameter, EditorRequired]
    public required EventCallback<string> OnAdd { get; set; }

    [Parameter, EditorRequired]
    public required EventCallback<string> OnRemove { get; set; }

    [Parameter, EditorRequired]
    public required EventCallback<long?> OnSegment { get; set; }

    /// <summary>The filter text for a field, operator and value (exists and not_exists take no value).</summary>
    public static string? Compose(string field, string op, string value)
    {
        if (string.IsNullOrWhiteSpace(field) || !FilterFields.Operators.Contains(op))
        {
            return null;
        }

        if (op is "exists" or "not_exists")
        {
            return $"{field.Trim()}:{op}:";
        }

        return string.IsNullOrWhiteSpace(value) ? null : $"{field.Trim()}:{op}:{value.Trim()}";
    }

    private async Task AddAsync()
    {
        if (Compose(field, op, value) is { } filter)
        {
            value = string.Empty;
            await OnAdd.InvokeAsync(filter);
        }
    }
}
