using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Radzen;
using Radzen.Blazor.Rendering;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// A bUnit context with what the dashboard's components need: Radzen's services and JavaScript interop in loose mode
/// (Radzen components call into their script, which bUnit answers with defaults, charts with a size). Test classes derive from it and add
/// their services before the first render.
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // A Radzen chart asks its script for its size before it draws; the browser tests see the drawing itself.
        JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect { Width = 800, Height = 300 });
        Services.AddRadzenComponents();
    }

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    /// <summary>The current address relative to the app's base ("customers?sort=mrr&amp;dir=asc"): what the address bar shows after the host.</summary>
    protected string RelativeUrl => Navigation.ToBaseRelativePath(Navigation.Uri);

    /// <summary>Points the app at <paramref name="relativeUrl"/> before a page renders, as opening that address in a browser would.</summary>
    protected void Open(string relativeUrl) => Navigation.NavigateTo(relativeUrl);

    /// <summary>
    /// Renders a page as the browser shows it once its circuit is up (pages mark themselves <c>data-interactive="true"</c>);
    /// its <c>[SupplyParameterFromQuery]</c> values come from the current address and follow every navigation.
    /// </summary>
    protected IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters ?? (_ => { }));
    }
}
