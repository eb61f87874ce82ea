using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>A Stripe object with an id, so an expanded reference can name it.</summary>
public interface IStripeObject
{
    string Id { get; }
}

/// <summary>
/// A reference Stripe returns either as an id string or, when asked for with <c>expand[]</c>, as the whole object.
/// </summary>
[JsonConverter(typeof(StripeExpandableConverterFactory))]
public sealed record StripeExpandable<T>(string Id, T? Value)
    where T : class, IStripeObject
{
    public static implicit operator StripeExpandable<T>(string id) => new(id, null);
}

internal sealed class StripeExpandableConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(StripeExpandable<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Converter<T> : JsonConverter<StripeExpandable<T>>
        where T : class, IStripeObject
    {
        public override StripeExpandable<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                    return new StripeExpandable<T>(reader.GetString()!, null);
                default:
                    var value = JsonSerializer.Deserialize<T>(ref reader, options)
                        ?? throw new JsonException($"Expected a {typeof(T).Name} object.");
                    return new StripeExpandable<T>(value.Id, value);
            }
        }

        public override void Write(Utf8JsonWriter writer, StripeExpandable<T> value, JsonSerializerOptions options)
        {
            if (value.Value is null)
            {
                writer.WriteStringValue(value.Id);
            }
            else
            {
                JsonSerializer.Serialize(writer, value.Value, options);
            }
        }
    }
}
