namespace Dashboard.Web.Components.Layout;

/// <summary>
/// One sidebar entry: its label, Material Symbols icon and route (relative to the base href), and the authorization
/// policy a user needs to see it (none: every signed-in user; the page itself states its own rule).
/// </summary>
public sealed record NavItem(string Text, string Icon, string Path, string? Policy = null);

public static class NavItems
{
    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("Overview", "dashboard", ""),
        new("MRR breakdown", "stacked_bar_chart", "mrr-breakdown"),
        new("Metrics", "monitoring", "metrics"),
        new("Trials", "hourglass_top", "trials"),
        new("Customers", "group", "customers"),
        new("Cohorts", "grid_on", "cohorts"),
        new("Segments", "filter_alt", "segments"),
        new("Import", "upload_file", "import", Auth.DashboardPolicies.Manage),
        new("Exports", "schedule_send", "exports"),
        new("Settings", "settings", "settings", Auth.DashboardPolicies.Manage),
        new("API", "api", "api-access"),
    ];
}
