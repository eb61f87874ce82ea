using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Web.Features.ApiAccess;

/// <summary>
/// One REST endpoint with a runnable request: <see cref="Route"/> is the route template as the app maps it
/// (<c>/api/v1/{source_id}/customers/{oid}</c>), <see cref="Path"/> the same with example values and any query string.
/// </summary>
public sealed record ApiExample(string Resource, string Method, string Route, string Path, string Summary, JsonNode? Body = null)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The curl command for this request against <paramref name="baseUrl"/> (no trailing slash), the key read from <c>$DASHBOARD_API_KEY</c>.</summary>
    public string Curl(string baseUrl)
    {
        var command = new StringBuilder("curl");
        if (Method != "GET")
        {
            command.Append(" -X ").Append(Method);
        }

        command.Append(" \"").Append(baseUrl).Append(Path).Append("\" \\\n  -H \"Authorization: Bearer $DASHBOARD_API_KEY\"");
        if (Body is not null)
        {
            // Single quotes keep the shell from expanding anything in the JSON; the examples contain no single quote.
            command.Append(" \\\n  -H \"Content-Type: application/json\" \\\n  -d '").Append(Body.ToJsonString(Indented)).Append('\'');
        }

        return command.ToString();
    }

    /// <summary>An id for anchors and tests: <c>post-api-v1-source_id-customers</c>.</summary>
    public string Anchor => (Method + Route).ToLowerInvariant()
        .Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal)
        .Replace('/', '-');
}
