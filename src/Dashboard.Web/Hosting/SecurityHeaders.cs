namespace Dashboard.Web.Hosting;

/// <summary>
/// Headers every response carries, set just before it starts (so error responses, which clear the headers, get them
/// too): the Content-Security-Policy, nosniff, Referrer-Policy and framing rules; CSV downloads are never cached; and
/// a redirect to this very site is written as a local path, so the request's Host header does not end up in it.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from this site (Blazor's and Radzen's scripts are files; neither needs eval or inline script) plus
    /// one inline event handler by its hash: Radzen's autocomplete writes <c>onmousedown="Radzen.activeElement = null"</c>
    /// on each suggestion (the filter builder's value box), which the browser checks as soon as the attribute is set.
    /// Styles from this site plus inline style attributes (Blazor and Radzen components set style="..."), the circuit's
    /// WebSocket to this site, and no framing by anyone.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-hashes' '" + RadzenSuggestionHandlerHash + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>SHA-256 of the exact text <c>Radzen.activeElement = null</c> (any other inline handler stays blocked).</summary>
    public const string RadzenSuggestionHandlerHash = "sha256-Gv+T45M6M+kq+caJFhy73JiJ7nitAZcfPRfx1dzDz/4=";

    public const string ReferrerPolicy = "same-origin";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = ReferrerPolicy;
        if (context.Response.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            headers.CacheControl = "no-store";
        }

        if (LocalRedirect(context.Request, headers.Location.ToString()) is { } local)
        {
            headers.Location = local;
        }
    }

    /// <summary>An absolute Location on this request's own scheme and host, as a path (null when it is anything else).</summary>
    internal static string? LocalRedirect(HttpRequest request, string location)
    {
        if (location.Length == 0
            || !Uri.TryCreate(location, UriKind.Absolute, out var target)
            || target.Scheme is not ("http" or "https")
            || !string.Equals(target.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(target.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return target.PathAndQuery + target.Fragment;
    }
}
