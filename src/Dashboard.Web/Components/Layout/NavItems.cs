namespace Dashboard.Web.Components.Layout;

/// <summary>One sidebar entry: its label, Material Symbols icon and route (relative to the base href).</summary>
public sealed record NavItem(string Text, string Icon, string Path);

public static class NavItems
{
    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("Overview", "dashboard", ""),
        new("MRR breakdown", "stacked_bar_chart", "mrr-breakdown"),
        new("Metrics", "monitoring", "metrics"),
        new("Customers", "group", "customers"),
        new("Cohorts", "grid_on", "cohorts"),
        new("Segments", "filter_alt", "segments"),
        new("Import", "upload_file", "import"),
        new("Settings", "settings", "settings"),
        new("API", "api", "api-access"),
    ];
}
