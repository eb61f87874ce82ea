using Dashboard.Web.Api.Attributes;
using Dashboard.Web.Api.CancellationInsights;
using Dashboard.Web.Api.Charges;
using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Exports;
using Dashboard.Web.Api.FxRates;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Api.Metrics;
using Dashboard.Web.Api.Plans;
using Dashboard.Web.Api.Refunds;
using Dashboard.Web.Api.Segments;
using Dashboard.Web.Api.Sources;
using Dashboard.Web.Api.Subscriptions;

namespace Dashboard.Web.Api;

public static class ApiEndpointRouteBuilderExtensions
{
    public const string BasePath = Hosting.ApiRoutes.BasePath;

    /// <summary>
    /// Maps the REST API v1 under <c>/api/v1</c> and its OpenAPI document at <c>/openapi/v1.json</c>, and adds the
    /// rate limiter to the pipeline (call after authentication, if the app adds that itself).
    /// </summary>
    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();

        var api = app.MapApiV1Group(string.Empty);
        api.MapSources();
        var attributes = api.MapGroup("/attributes").WithTags("Attributes");
        attributes.MapAttributeFields();
        attributes.MapAttributeValues();
        api.MapFxRates();
        api.MapSegments();
        api.MapCancellationInsights();
        api.MapMetrics();
        api.MapExports();

        // Per-source import routes last, so the fixed paths above are never taken for a source id.
        var perSource = api.MapGroup("/{source_id}")
            .AddEndpointFilter<SourceRouteFilter>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        perSource.MapPlans();
        perSource.MapCustomers();
        perSource.MapSubscriptions();
        perSource.MapCharges();
        perSource.MapRefunds();
        perSource.MapPlanWrites();
        perSource.MapCustomerWrites();
        perSource.MapSubscriptionWrites();
        perSource.MapChargeWrites();
        perSource.MapRefundWrites();
        api.MapFallback(() => ApiProblems.NotFound("path", "no such API endpoint; see /openapi/v1.json")).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A group under <c>/api/v1</c> with the API's rules: a key is required (read access), requests are rate-limited per
    /// key. Other features (the metrics endpoints) map their routes through this so they share them.
    /// </summary>
    public static RouteGroupBuilder MapApiV1Group(this IEndpointRouteBuilder endpoints, string prefix) =>
        endpoints.MapGroup(BasePath + prefix)
            .RequireAuthorization(ApiKeyAuthentication.ReadPolicy)
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
