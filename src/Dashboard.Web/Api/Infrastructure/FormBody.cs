using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body (what Baremetrics' Python and PHP clients send) into the same
/// JSON object a JSON client would send, so both forms bind to the same request models and report the same field names.
/// Bracketed keys nest (<c>addons[0][oid]</c>, <c>filters[1][field]</c>); <c>a[]</c> or a repeated key makes an array;
/// an empty value is <c>null</c>. Values stay text: numbers, timestamps and booleans are read from text.
/// </summary>
public static class FormBody
{
    /// <summary>The API's JSON options, plus booleans written as text ("true", "false", "1", "0").</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static byte[] ToJson(ReadOnlySpan<byte> form, out string? badKey)
    {
        badKey = null;
        var root = new JsonObject();
        foreach (var (key, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(form)))
        {
            if (!TrySplit(key, out var path))
            {
                badKey = key;
                return [];
            }

            foreach (var value in values)
            {
                if (!TryPut(root, path, string.IsNullOrEmpty(value) ? null : JsonValue.Create(value), repeated: values.Count > 1))
                {
                    badKey = key;
                    return [];
                }
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(Normalize(root));
    }

    /// <summary>"addons[0][oid]" -> ["addons", "0", "oid"]; "tags[]" -> ["tags", ""].</summary>
    private static bool TrySplit(string key, out List<string> path)
    {
        path = [];
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var name = open < 0 ? key : key[..open];
        if (name.Length == 0)
        {
            return false;
        }

        path.Add(name);
        while (open >= 0 && open < key.Length)
        {
            var close = key.IndexOf(']', open);
            if (key[open] != '[' || close < 0)
            {
                return false;
            }

            path.Add(key[(open + 1)..close]);
            open = close + 1;
        }

        return true;
    }

    private static bool TryPut(JsonObject root, List<string> path, JsonNode? value, bool repeated)
    {
        JsonNode container = root;
        for (var i = 0; i < path.Count; i++)
        {
            var segment = path[i];
            var last = i == path.Count - 1;
            if (container is JsonArray array)
            {
                // "[]": append; the next segment (if any) opens a new object.
                if (segment.Length != 0 || !last)
                {
                    return false;
                }

                array.Add(value);
                return true;
            }

            var obj = (JsonObject)container;
            var appends = last ? repeated : path[i + 1].Length == 0;
            if (last && !appends)
            {
                obj[segment] = value;
                return true;
            }

            if (last)
            {
                if (obj[segment] is not JsonArray values)
                {
                    obj[segment] = values = [];
                }

                values.Add(value);
                return true;
            }

            if (!obj.TryGetPropertyValue(segment, out var child) || child is null)
            {
                child = appends ? new JsonArray() : new JsonObject();
                obj[segment] = child;
            }

            if (appends != child is JsonArray)
            {
                return false;
            }

            container = child;
        }

        return false;
    }

    /// <summary>Objects keyed 0, 1, 2... (from <c>addons[0][oid]</c>) become arrays in index order.</summary>
    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var members = obj.ToList();
                obj.Clear();
                var normalized = members.Select(m => (m.Key, Value: Normalize(m.Value))).ToList();
                if (normalized.Count > 0 && normalized.All(m => IsIndex(m.Key)))
                {
                    var array = new JsonArray();
                    foreach (var (_, value) in normalized.OrderBy(m => int.Parse(m.Key, CultureInfo.InvariantCulture)))
                    {
                        array.Add(value);
                    }

                    return array;
                }

                foreach (var (key, value) in normalized)
                {
                    obj[key] = value;
                }

                return obj;
            }

            case JsonArray array:
            {
                var items = array.ToList();
                array.Clear();
                foreach (var item in items)
                {
                    array.Add(Normalize(item));
                }

                return array;
            }

            default:
                return node;
        }
    }

    private static bool IsIndex(string key) =>
        key.Length is > 0 and < 7 && key.All(char.IsAsciiDigit);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ApiJson.Options);
        options.Converters.Add(new TextBooleanConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class TextBooleanConverter : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                return reader.GetBoolean();
            }

            return reader.TokenType == JsonTokenType.String ? reader.GetString() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                _ => throw new JsonException("must be true or false"),
            } : throw new JsonException("must be true or false");
        }

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }
}
