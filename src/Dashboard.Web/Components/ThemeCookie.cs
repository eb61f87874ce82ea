namespace Dashboard.Web.Components;

/// <summary>The light and dark themes the appearance toggle switches between, and the cookie that remembers the choice.</summary>
public static class ThemeCookie
{
    public const string Name = "DashboardTheme";
    public const string DefaultTheme = "material";
    public const string DarkTheme = "material-dark";

    public static bool IsKnown(string theme) => theme is DefaultTheme or DarkTheme;
}
