using Dashboard.Infrastructure.Import;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Api.OpenApi;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.AspNetCore.Authentication;

namespace Dashboard.Web.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the REST API v1: API key authentication and policies, the per-key rate limiter, the key service
    /// (also used by the CLI and the Settings page), settings from the <c>Api</c> section, and the OpenAPI document.
    /// </summary>
    public static IServiceCollection AddDashboardApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName));
        services.AddBillingImporter();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<InvalidKeyThrottle>();
        services.AddSingleton<Infrastructure.ExistingSources>();
        services.AddSingleton<Infrastructure.PushedDataSource>();
        services.AddSingleton<Infrastructure.CustomerNumbers>();
        services.AddScoped<RouteSource>();
        services.AddCliVerb<ApiKeyCreateVerb>();
        services.AddCliVerb<ApiKeyListVerb>();
        services.AddCliVerb<ApiKeyRevokeVerb>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        services.AddAuthorization(ApiKeyAuthentication.AddPolicies);
        services.AddRateLimiter(ApiRateLimiting.Configure);
        services.AddOpenApi(ApiOpenApi.DocumentName, ApiOpenApi.Configure);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiErrorMember.AddTo);
        return services;
    }
}
