using Microsoft.AspNetCore.Components;
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
