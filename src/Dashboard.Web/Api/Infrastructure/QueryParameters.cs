namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// The query parameters an endpoint (or a group) reads. Every API endpoint refuses any other with a 400 naming it
/// (<see cref="UnknownQueryFilter"/>): a parameter we do not implement must never be silently ignored, or a filtered
/// read would answer with everything.
/// </summary>
public sealed class AllowedQuery(IEnumerable<string> names, bool any = false)
{
    public IReadOnlyCollection<string> Names { get; } = names.ToArray();

    /// <summary>True for endpoints that accept any query (the 404 fallback).</summary>
    public bool Any { get; } = any;
}

public static class QueryParameterExtensions
{
    /// <summary>The query names of a list: <c>page</c> and <c>per_page</c>.</summary>
    public static readonly string[] ListNames = [Paging.PageName, Paging.PerPageName];

    /// <summary>Declares the query parameters this endpoint reads; any other is refused.</summary>
    public static TBuilder AllowQuery<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowedQuery(names));

    /// <summary>Declares a paged list reading <paramref name="filters"/> besides <c>page</c> and <c>per_page</c>.</summary>
    public static TBuilder AllowListQuery<TBuilder>(this TBuilder builder, params string[] filters)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowedQuery([.. ListNames, .. filters]));

    /// <summary>Lets any query through (only for the fallback that answers 404 anyway).</summary>
    public static TBuilder AllowAnyQuery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowedQuery([], any: true));
}

/// <summary>Answers 400 naming every query parameter the endpoint does not declare with <see cref="AllowedQuery"/>.</summary>
public sealed class UnknownQueryFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Query.Count == 0)
        {
            return next(context);
        }

        var declared = http.GetEndpoint()?.Metadata.GetOrderedMetadata<AllowedQuery>() ?? [];
        if (declared.Any(d => d.Any))
        {
            return next(context);
        }

        var allowed = new HashSet<string>(declared.SelectMany(d => d.Names), StringComparer.OrdinalIgnoreCase);
        var unknown = http.Request.Query.Keys.Where(k => !allowed.Contains(k)).ToList();
        if (unknown.Count == 0)
        {
            return next(context);
        }

        var accepted = allowed.Count == 0 ? "this endpoint takes no query parameters" : "accepted: " + string.Join(", ", allowed.Order(StringComparer.Ordinal));
        var errors = unknown.ToDictionary(k => k, _ => new[] { "is not a supported query parameter (" + accepted + ")" }, StringComparer.Ordinal);
        return ValueTask.FromResult<object?>(ApiProblems.Validation(errors));
    }
}
