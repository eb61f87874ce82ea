namespace Dashboard.Infrastructure.Sources.Connectors;

/// <summary>What someone entered to connect a source: its name and the connector's fields by key.</summary>
public sealed class ConnectorSetup(string? name, IReadOnlyDictionary<string, string?> values)
{
    /// <summary>Longest source name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The name, trimmed; null when blank.</summary>
    public string? Name { get; } = Clean(name);

    /// <summary>A field's value, trimmed; null when blank or absent.</summary>
    public string? Value(string key) => values.TryGetValue(key, out var value) ? Clean(value) : null;

    /// <summary>A field's value, or its default (choices) when none was given.</summary>
    public string? ValueOrDefault(CredentialField field) => Value(field.Key) ?? field.Default ?? field.Choices.FirstOrDefault();

    /// <summary>A value <see cref="ConnectorValidation"/> accepted as required.</summary>
    public string Required(string key) => Value(key) ?? throw new InvalidOperationException($"'{key}' has no value; validate the setup first.");

    /// <summary>An optional URL field <see cref="ConnectorValidation"/> accepted.</summary>
    public Uri? Url(string key) => Value(key) is { } text ? new Uri(text, UriKind.Absolute) : null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
