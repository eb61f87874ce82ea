using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// The API's JSON conventions: snake_case names, unix-second timestamps (ISO 8601 accepted on input). They apply to the
/// /api/v1 endpoints only; the app-wide JSON options (used by the UI) are left alone.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            AllowTrailingCommas = false,
        };
        options.Converters.Add(new UnixTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
