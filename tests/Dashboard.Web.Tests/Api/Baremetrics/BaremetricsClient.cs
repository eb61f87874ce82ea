using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Web.Tests.Api.Baremetrics;

/// <summary>How a Baremetrics client sends a body: JSON (the generated SDKs) or form fields (python-baremetrics, PHP clients).</summary>
public enum BodyForm
{
    Json,
    Form,
}

/// <summary>
/// Speaks to the API the way Baremetrics' client libraries do: under a base path (<c>/v1</c> as the PHP clients hard-code it,
/// or our <c>/api/v1</c>), with bodies as JSON or as form fields with bracketed keys (<c>addons[0][oid]=...</c>).
/// </summary>
public sealed class BaremetricsClient(ApiSession session, string basePath, BodyForm form)
{
    public ApiSession Session { get; } = session;

    public string BasePath { get; } = basePath;

    public BodyForm Form { get; } = form;

    /// <summary>"{base}/{source_id}/plans" for "plans".</summary>
    public string Path(string resource) => string.Create(CultureInfo.InvariantCulture, $"{BasePath}/{Session.SourceId}/{resource}");

    public Task<HttpResponseMessage> PostAsync(string path, JsonObject body) =>
        Session.Client.PostAsync(path, Content(body));

    public Task<HttpResponseMessage> PutAsync(string path, JsonObject body) =>
        Session.Client.PutAsync(path, Content(body));

    public Task<HttpResponseMessage> GetAsync(string path) => Session.Client.GetAsync(path);

    public HttpContent Content(JsonObject body) =>
        Form == BodyForm.Json ? JsonContent.Create(body) : new FormUrlEncodedContent(Flatten(body));

    /// <summary>The form fields a PHP client builds from a nested body: <c>addons[0][oid]</c>, <c>filters[1][value]</c>.</summary>
    public static List<KeyValuePair<string, string>> Flatten(JsonObject body)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in body)
        {
            Add(fields, name, value);
        }

        return fields;
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string key, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Add(fields, $"{key}[{name}]", value);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Add(fields, string.Create(CultureInfo.InvariantCulture, $"{key}[{i}]"), array[i]);
                }

                break;
            case null:
                fields.Add(new(key, string.Empty));
                break;
            default:
                fields.Add(new(key, node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString()));
                break;
        }
    }
}

/// <summary>Every base path and body form, for theories that must hold for each.</summary>
public static class BaremetricsForms
{
    public static TheoryData<string, BodyForm> All => new()
    {
        { "/api/v1", BodyForm.Json },
        { "/api/v1", BodyForm.Form },
        { "/v1", BodyForm.Json },
        { "/v1", BodyForm.Form },
    };

    public static TheoryData<string> BasePaths => new() { "/api/v1", "/v1" };
}
