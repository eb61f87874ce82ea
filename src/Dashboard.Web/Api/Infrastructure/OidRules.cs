using Dashboard.Web.Services;

namespace Dashboard.Web.Api.Infrastructure;

public static class OidRules
{
    /// <summary>
    /// The object's oid: the route's on PUT (a body oid must then agree), else the body's. Whether it is there and how
    /// long it may be is the importer's rule (<c>OperationValidator</c>).
    /// </summary>
    public static string? Resolve(string? routeOid, string? bodyOid, FieldErrors errors)
    {
        if (routeOid is null)
        {
            return bodyOid?.Trim();
        }

        if (!string.IsNullOrWhiteSpace(bodyOid) && bodyOid.Trim() != routeOid)
        {
            errors.Add("oid", $"must match the oid in the path ('{routeOid}')");
        }

        return routeOid;
    }
}
