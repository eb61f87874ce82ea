using System.Globalization;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Settings.AuditLog;

/// <summary>
/// <c>/settings/audit-log</c> (owners only): the audit log, newest first, <see cref="PerPage"/> entries a page, filtered
/// by action. Page and action live in the URL (<c>?page=2&amp;action=signin.failed</c>).
/// </summary>
public partial class AuditLogPage : ComponentBase
{
    public const int PerPage = 50;

    private AuditPage? entries;
    private string? error;

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageNumber { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    public string? Action { get; set; }

    [Inject]
    public required IAuditLog AuditLog { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        error = null;
        var page = PageNumber ?? 1;
        if (page is < 1 or > Services.Audit.AuditLog.MaxPage)
        {
            error = $"The page must be between 1 and {Services.Audit.AuditLog.MaxPage.ToString(CultureInfo.InvariantCulture)}.";
            return;
        }

        if (!string.IsNullOrEmpty(Action) && !AuditActions.All.Contains(Action))
        {
            error = $"'{Action}' is not an action of the audit log.";
            return;
        }

        entries = await AuditLog.ReadAsync(page, PerPage, string.IsNullOrEmpty(Action) ? null : Action);
    }

    private static readonly IReadOnlyList<ActionChoice> ActionChoices =
        [new(string.Empty, "All actions"), .. AuditActions.All.Select(a => new ActionChoice(a, a))];

    private sealed record ActionChoice(string Value, string Text);

    private void Filter(object? value)
    {
        var action = value as string;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["action"] = string.IsNullOrEmpty(action) ? null : action,
            ["page"] = null,
        }));
    }

    private string PageHref(int page) => Navigation.GetUriWithQueryParameter("page", page);

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
