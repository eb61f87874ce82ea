using Dashboard.Web.Api.Account;
using Dashboard.Web.Api.Attributes;
using Dashboard.Web.Api.AuditLog;
using Dashboard.Web.Api.CancellationInsights;
using Dashboard.Web.Api.Charges;
using Dashboard.Web.Api.ChartNotes;
using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Events;
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
    /// Maps the REST API v1 under <c>/api/v1</c> and, identically, under Baremetrics' <c>/v1</c>, and its OpenAPI document
    /// at <c>/openapi/v1.json</c> (which describes <c>/api/v1</c>), and adds the rate limiter to the pipeline (call after
    /// authentication, if the app adds that itself).
    /// </summary>
    public static WebApplication MapDashboardApi(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();
        foreach (var basePath in Hosting.ApiRoutes.BasePaths)
        {
            app.MapApiRoutes(basePath);
        }

        return app;
    }

    private static void MapApiRoutes(this WebApplication app, string basePath)
    {
        var api = app.MapApiV1Group(basePath, string.Empty);
        api.MapSources();
        var attributes = api.MapGroup("/attributes").WithTags("Attributes");
        attributes.MapAttributeFields();
        attributes.MapAttributeValues();
        api.MapFxRates();
        api.MapSegmentSearch();
        api.MapSegments();
        api.MapAccount();
        api.MapAnnotations();
        api.MapGoals();
        api.MapCancellationInsights();
        api.MapForecast();
        api.MapTrialFunnel();
        api.MapMetrics();
        api.MapApiKeys();
        api.MapAuditLog();
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
        perSource.MapEvents();
        perSource.MapPlanWrites();
        perSource.MapCustomerWrites();
        perSource.MapSubscriptionWrites();
        perSource.MapChargeWrites();
        perSource.MapRefundWrites();
        api.MapFallback(() => ApiProblems.NotFound("path", "no such API endpoint; see /openapi/v1.json")).AllowAnyQuery().ExcludeFromDescription();
    }

    /// <summary>
    /// The API's group under <paramref name="basePath"/>: a key is required (read access), requests are rate-limited per
    /// key, a query parameter the endpoint does not declare is a 400 and a body neither JSON nor form-encoded a 415.
    /// </summary>
    public static RouteGroupBuilder MapApiV1Group(this IEndpointRouteBuilder endpoints, string basePath, string prefix) =>
        endpoints.MapGroup(basePath + prefix)
            .RequireAuthorization(ApiKeyAuthentication.ReadPolicy)
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .AddEndpointFilter<UnknownQueryFilter>()
            .AddEndpointFilter<UnsupportedBodyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
