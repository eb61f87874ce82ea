using System.Text.Json;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// The top-level members a JSON body named: a member sent as <c>null</c> is sent (it clears the value), an absent one is
/// not (it keeps the stored value). This is what lets a PUT change only the fields it carries.
/// </summary>
public sealed class SentFields
{
    private readonly HashSet<string> names;

    private SentFields(HashSet<string> names) => this.names = names;

    /// <summary>Nothing was sent: every field keeps its stored value.</summary>
    public static SentFields None { get; } = new([]);

    /// <summary>True when the body named <paramref name="jsonName"/> (snake_case, any case as the API reads names).</summary>
    public bool Has(string jsonName) => names.Contains(jsonName);

    /// <summary>The sent value when the body named the field, else the stored one.</summary>
    public T Pick<T>(string jsonName, T sent, T stored) => Has(jsonName) ? sent : stored;

    /// <summary>Reads the member names of a JSON object (the body has already been parsed, so it is well formed).</summary>
    public static SentFields Of(ReadOnlySpan<byte> json)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new SentFields(found);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            found.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }

        return new SentFields(found);
    }
}

/// <summary>A request body that keeps which of its fields were sent (see <see cref="SentFields"/>).</summary>
public interface IPartialRequest
{
    SentFields Sent { get; set; }
}
