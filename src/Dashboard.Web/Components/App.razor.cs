using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Radzen;

namespace Dashboard.Web.Components;

/// <summary>The HTML document. Rendered statically per request; the page body is interactive (server).</summary>
public partial class App : ComponentBase
{
    private string theme = ThemeCookie.DefaultTheme;

    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    public required ThemeService ThemeService { get; init; }

    /// <summary>
    /// Interactive (server) everywhere except pages marked [ExcludeFromInteractiveRouting] (sign-in, setup), which are
    /// rendered statically because their form posts must set the auth cookie.
    /// </summary>
    private IComponentRenderMode? PageRenderMode =>
        HttpContext is null || HttpContext.AcceptsInteractiveRouting() ? RenderMode.InteractiveServer : null;

    protected override void OnInitialized()
    {
        // The appearance toggle stores the chosen theme in a cookie; render it on the first paint, without a flash.
        if (HttpContext?.Request.Cookies[ThemeCookie.Name] is { } saved && ThemeCookie.IsKnown(saved))
        {
            theme = saved;
        }

        ThemeService.SetTheme(theme, false);
    }
}
