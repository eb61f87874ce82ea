using Dashboard.Infrastructure.Import;

namespace Dashboard.Web.Services;

/// <summary>
/// Collects validation errors per field (snake_case names as the REST API and the forms name them), for one problem answer
/// or one form's messages.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    public bool Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return false;
        }

        return true;
    }

    public bool Required<T>(string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            Add(field, "is required");
            return false;
        }

        return true;
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"must be at most {max} characters");
        }
    }

    /// <summary>Parses an enum written in snake_case (e.g. "one_time"); null when missing or bad.</summary>
    public TEnum? Enum<TEnum>(string field, string? text, bool required = true)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        if (ImportValues.TryParseEnum(text, out TEnum value))
        {
            return value;
        }

        Add(field, $"must be one of {string.Join(", ", ImportValues.EnumNames<TEnum>())}");
        return null;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
