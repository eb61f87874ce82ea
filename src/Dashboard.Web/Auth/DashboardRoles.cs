namespace Dashboard.Web.Auth;

/// <summary>The dashboard's roles. Every account has exactly one.</summary>
public static class DashboardRoles
{
    /// <summary>Everything, including managing other owners. The first account is an owner.</summary>
    public const string Owner = "owner";

    /// <summary>Everything an owner may do except creating, changing or removing owners.</summary>
    public const string Admin = "admin";

    /// <summary>Reads the dashboard; no settings.</summary>
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Owner, Admin, Viewer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
