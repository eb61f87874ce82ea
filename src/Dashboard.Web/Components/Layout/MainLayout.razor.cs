using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Radzen;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// Header (product name, navigation toggles, light/dark toggle), navigation sidebar and the page body. On a wide
/// screen the sidebar sits beside the page and its toggle collapses it; at phone width (768 px and less, layout CSS in
/// app.css) it is a drawer over the page, opened by the menu button and closed by a link, a click beside it, Escape or
/// the button again (Escape: wwwroot/nav-drawer.js, which presses the button).
/// </summary>
public partial class MainLayout : LayoutComponentBase, IDisposable
{
    public const string ProductName = "Revenue Dashboard";

    private bool sidebarExpanded = true;
    private bool drawerOpen;

    /// <summary>Writes the theme cookie whenever the appearance toggle changes the theme (it listens to ThemeService).</summary>
    [Inject]
    public required CookieThemeService CookieThemeService { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private string LayoutClass => drawerOpen ? "dashboard-layout nav-drawer-open" : "dashboard-layout";

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    private void ToggleSidebar() => sidebarExpanded = !sidebarExpanded;

    private void ToggleDrawer() => drawerOpen = !drawerOpen;

    private void CloseDrawer() => drawerOpen = false;

    /// <summary>Following a link (or any navigation) closes the drawer, so the page it opens is not hidden under it.</summary>
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (drawerOpen)
        {
            _ = InvokeAsync(() =>
            {
                drawerOpen = false;
                StateHasChanged();
            });
        }
    }
}
