using Dashboard.Infrastructure.Data;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>The source a per-source route (<c>/api/v1/{source_id}/...</c>) names, resolved once per request by <see cref="SourceRouteFilter"/>.</summary>
public sealed class RouteSource
{
    private long? id;

    public long Id => id ?? throw new InvalidOperationException("The {source_id} of this route has not been resolved.");

    internal void Resolve(long value) => id = value;
}

/// <summary>
/// Resolves <c>{source_id}</c> before a per-source endpoint runs: an unknown source is answered with 404 naming
/// <c>source_id</c>, a known one is handed to the endpoint as <see cref="RouteSource"/>. Writes trust
/// <see cref="ExistingSources"/> (the importer checks again in its transaction); reads ask the store each time.
/// <c>baremetrics</c> names the pushed-data source (<see cref="PushedDataSource"/>): a write creates it when there is
/// none yet, a read then finds nothing in it.
/// </summary>
public sealed class SourceRouteFilter(ExistingSources known, PushedDataSource pushed) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var text = http.GetRouteValue("source_id") as string ?? string.Empty;
        var db = http.RequestServices.GetRequiredService<DashboardDbContext>();
        if (PushedDataSource.IsAlias(text))
        {
            var resolved = !(HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method))
                ? await PushedDataSource.FindAsync(db, http.RequestAborted) ?? PushedDataSource.None
                : await pushed.EnsureAsync(db, http.RequestAborted);
            http.RequestServices.GetRequiredService<RouteSource>().Resolve(resolved);
            return await next(context);
        }

        var cache = HttpMethods.IsGet(http.Request.Method) ? null : known;
        var (id, problem) = await SourceRoute.FindIdAsync(db, text, http.RequestAborted, cache);
        if (id is not { } sourceId)
        {
            return problem;
        }

        http.RequestServices.GetRequiredService<RouteSource>().Resolve(sourceId);
        return await next(context);
    }
}
