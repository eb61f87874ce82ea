using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>The JSON settings of Stripe's API: snake_case names, nulls omitted when writing (fakes and tests use them too).</summary>
public static class StripeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Seconds since the Unix epoch, as Stripe writes instants.</summary>
    public static DateTimeOffset ToInstant(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    public static DateTimeOffset? ToInstant(long? unixSeconds) =>
        unixSeconds is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
