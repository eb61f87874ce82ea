using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Infrastructure.Import;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Reads unix seconds (number or digit string) or ISO 8601 text; writes unix seconds, like Baremetrics.</summary>
public sealed class UnixTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Expected = ImportValues.InstantExpected;

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

    public static bool TryParse(string? text, out DateTimeOffset instant) => ImportValues.TryParseInstant(text, out instant);

    private static bool TryFromSeconds(long seconds, out DateTimeOffset instant) => ImportValues.TryFromUnixSeconds(seconds, out instant);
}
