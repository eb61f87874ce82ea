using Dashboard.Web.Auth;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.MrrBreakdown;
using Dashboard.Web.Components;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Features.Settings;
using Radzen;

namespace Dashboard.Web.Hosting;

public static class DashboardUiExtensions
{
    /// <summary>The Blazor UI: interactive server components, Radzen, the theme cookie and the Overview's query.</summary>
    public static IServiceCollection AddDashboardUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddRadzenCookieThemeService(options =>
        {
            options.Name = ThemeCookie.Name;
            options.Duration = TimeSpan.FromDays(365);
        });

        services.AddScoped<IOverviewMetrics, EngineOverviewMetrics>();
        services.AddDashboardSettingsPages();
        services.AddScoped<Features.Segments.CompareQuery>();
        services.AddScoped<Features.Customers.CustomersQuery>();
        return services;
    }

    /// <summary>
    /// Static assets (wwwroot, _framework/blazor.web.js, Radzen's _content; anonymous), sign-in/out, and the UI's pages
    /// (each with its own policy, docs/security.md).
    /// </summary>
    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        // Every page and the Blazor hub need the read policy at least; pages add Manage or AllowAnonymous themselves.
        // The full Content-Security-Policy, frame-ancestors 'none' included, is SecurityHeaders'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null)
            .RequireAuthorization(DashboardPolicies.Read);
        app.MapMetricExports();
        app.MapCustomerExports();
        app.MapMrrBreakdownExport();
        app.MapDashboardAuth();
        return app;
    }
}
