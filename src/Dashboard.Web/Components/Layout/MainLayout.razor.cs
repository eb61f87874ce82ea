using Microsoft.AspNetCore.Components;
using Radzen;

namespace Dashboard.Web.Components.Layout;

/// <summary>Header (product name, sidebar toggle, light/dark toggle), navigation sidebar and the page body.</summary>
public partial class MainLayout : LayoutComponentBase
{
    public const string ProductName = "Revenue Dashboard";

    private bool sidebarExpanded = true;

    /// <summary>Writes the theme cookie whenever the appearance toggle changes the theme (it listens to ThemeService).</summary>
    [Inject]
    public required CookieThemeService CookieThemeService { get; init; }

    private void ToggleSidebar() => sidebarExpanded = !sidebarExpanded;
}
