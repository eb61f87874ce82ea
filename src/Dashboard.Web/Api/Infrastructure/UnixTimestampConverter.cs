using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Reads unix seconds (number or digit string) or ISO 8601 text; writes unix seconds, like Baremetrics.</summary>
public sealed class UnixTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Expected = "must be unix seconds or an ISO 8601 date-time";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var seconds) && TryFromSeconds(seconds, out var instant))
            {
                return instant;
            }

            if (reader.TryGetDouble(out var fractional) && TryFromSeconds((long)Math.Floor(fractional), out instant))
            {
                return instant;
            }

            throw new JsonException(Expected);
        }

        if (reader.TokenType == JsonTokenType.String && TryParse(reader.GetString(), out var parsed))
        {
            return parsed;
        }

        throw new JsonException(Expected);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeSeconds());

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromSeconds(seconds, out instant);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            instant = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }

    private static bool TryFromSeconds(long seconds, out DateTimeOffset instant)
    {
        instant = default;
        // Year 1970 to 9999: anything else is a unit mistake (milliseconds) rather than a date.
        if (seconds is < 0 or > 253_402_300_799)
        {
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
