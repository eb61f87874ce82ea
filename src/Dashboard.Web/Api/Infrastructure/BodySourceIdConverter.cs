using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// A <c>source_id</c> in a body: a number, its digits as a string (Baremetrics' ids are strings), or
/// <see cref="PushedDataSource.Alias"/>, read as <see cref="PushedDataSource.AliasId"/> for
/// <see cref="PushedDataSource.ResolveAsync"/> to replace. Anything else is a format error naming the member.
/// </summary>
public sealed class BodySourceIdConverter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var number) && number >= 0:
                return number;
            case JsonTokenType.String:
                var text = reader.GetString() ?? string.Empty;
                if (PushedDataSource.IsAlias(text))
                {
                    return PushedDataSource.AliasId;
                }

                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                break;
        }

        throw new JsonException("source_id must be a source id");
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } id)
        {
            writer.WriteNumberValue(id);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
