using Dashboard.Web.Auth;
using Dashboard.Web.Features.Customers;
using Microsoft.AspNetCore.Diagnostics;
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
        // An address no page or endpoint answers gets the not-found page inside the layout, with status 404; the API's
        // addresses keep their own problem responses.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use(async (context, next) =>
        {
            await next(context);
            // Only a page request's 404 outside the API gets the page: other refusals (a bad form post's 400) and answers
            // to machines (a webhook POST for an unknown source) keep their own status and body.
            if ((context.Response.StatusCode != StatusCodes.Status404NotFound || IsApiPath(context.Request.Path)
                    || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
                && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
        });
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

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/v1") || path.StartsWithSegments("/jobs") || path.StartsWithSegments("/healthz")
        || path.StartsWithSegments("/webhooks");
}
