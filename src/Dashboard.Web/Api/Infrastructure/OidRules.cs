namespace Dashboard.Web.Api.Infrastructure;

public static class OidRules
{
    public const int MaxLength = 200;

    /// <summary>
    /// The object's oid: the route's on PUT (a body oid must then agree), else the body's, which is required.
    /// </summary>
    public static string? Resolve(string? routeOid, string? bodyOid, FieldErrors errors)
    {
        if (routeOid is not null)
        {
            if (!string.IsNullOrWhiteSpace(bodyOid) && bodyOid.Trim() != routeOid)
            {
                errors.Add("oid", $"must match the oid in the path ('{routeOid}')");
            }

            return routeOid;
        }

        if (!errors.Required("oid", bodyOid))
        {
            return null;
        }

        errors.MaxLength("oid", bodyOid, MaxLength);
        return bodyOid!.Trim();
    }
}
