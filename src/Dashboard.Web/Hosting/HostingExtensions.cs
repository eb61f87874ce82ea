using Microsoft.AspNetCore.HttpOverrides;

namespace Dashboard.Web.Hosting;

public static class HostingExtensions
{
    /// <summary>The <see cref="HostingOptions"/> and the framework options they drive (forwarded headers, HSTS, HTTPS redirection).</summary>
    public static IServiceCollection AddDashboardHosting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = HostingOptions.Read(configuration);
        services.AddSingleton(options);
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Only the client's address and scheme: the Host header is the proxy's to pass on, and AllowedHosts checks it.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (options.KnownProxies.Count > 0 || options.KnownNetworks.Count > 0)
            {
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var proxy in options.KnownProxies)
                {
                    forwarded.KnownProxies.Add(proxy);
                }

                foreach (var network in options.KnownNetworks)
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
        });
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(options.HstsMaxAgeDays));
        services.AddHttpsRedirection(https =>
        {
            https.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            https.HttpsPort = options.HttpsPort;
        });
        return services;
    }

    /// <summary>
    /// The start of the pipeline: forwarded headers (when enabled), the security headers, the error page (everywhere
    /// but Development: no stack trace reaches a client), then HSTS and HTTPS redirection when enabled.
    /// </summary>
    public static WebApplication UseDashboardHosting(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<HostingOptions>();
        if (options.ForwardedHeadersEnabled)
        {
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                CreateScopeForErrors = true,
                // A request the server refused (a body over the limit, a malformed header) keeps its 4xx status.
                StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
        }

        if (options.Hsts)
        {
            app.UseHsts();
        }

        if (options.HttpsRedirection)
        {
            app.UseHttpsRedirection();
        }

        return app;
    }
}
