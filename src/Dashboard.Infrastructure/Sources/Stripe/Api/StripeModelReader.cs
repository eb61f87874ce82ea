using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>
/// Reads Stripe.net's models without keeping each object's raw JSON. Stripe.net's own converter for its models
/// (<c>STJStripeEntityConverter</c>) copies every object's JSON text into a string, re-encodes it and reads it again,
/// at every level of nesting, so a subscription's price is parsed three times and each object holds a copy of its
/// text for <c>RawJsonElement</c>, which the connector never reads. This factory, placed first in
/// Stripe.net's serializer options, hands those models to the SDK's own property reader (<c>STJDefaultConverter</c>,
/// the one its converter calls after the copy), so the same fields get the same values in one pass. Models with
/// converters of their own (events, their data, lists, polymorphic objects) keep them. If a later Stripe.net no
/// longer has that reader, nothing is replaced and the SDK reads as before.
/// </summary>
internal sealed class StripeModelReader : JsonConverterFactory
{
    private static readonly Type? PropertyReader =
        typeof(Sdk.StripeEntity).Assembly.GetType("Stripe.Infrastructure.STJDefaultConverter`1", throwOnError: false);

    private static readonly Lock InstallLock = new();

    /// <summary>Whether Stripe.net's serializer options hold this reader.</summary>
    public static bool Installed => Sdk.StripeConfiguration.SerializerOptions.Converters.Any(c => c is StripeModelReader);

    /// <summary>Puts the reader first in Stripe.net's (process-wide) serializer options, once.</summary>
    public static void Install()
    {
        if (PropertyReader is null)
        {
            return;
        }

        lock (InstallLock)
        {
            if (Installed)
            {
                return;
            }

            var options = new JsonSerializerOptions(Sdk.StripeConfiguration.SerializerOptions);
            options.Converters.Insert(0, new StripeModelReader());
            Sdk.StripeConfiguration.SerializerOptions = options;
        }
    }

    /// <summary>Models whose only converter is Stripe.net's raw-JSON-keeping one.</summary>
    public override bool CanConvert(Type typeToConvert) =>
        PropertyReader is not null
        && typeof(Sdk.StripeEntity).IsAssignableFrom(typeToConvert)
        && !typeToConvert.IsAbstract
        && typeToConvert.GetCustomAttribute<JsonConverterAttribute>(inherit: false)?.ConverterType == typeof(Sdk.Infrastructure.STJStripeEntityConverter);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(PropertyReader!.MakeGenericType(typeToConvert), nonPublic: true);
}
