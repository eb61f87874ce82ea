using Dashboard.Core.Money;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Collects validation errors per field (snake_case names as in the request) for one problem answer.</summary>
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

    public void NonNegative(string field, long? value)
    {
        if (value < 0)
        {
            Add(field, "must be >= 0");
        }
    }

    public void Positive(string field, long? value)
    {
        if (value is <= 0)
        {
            Add(field, "must be >= 1");
        }
    }

    /// <summary>Checks an ISO 4217 code and returns it upper-cased (null when missing or bad).</summary>
    public string? Currency(string field, string? code, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        var upper = code.Trim().ToUpperInvariant();
        if (!Core.Money.Currency.IsValid(upper))
        {
            Add(field, "must be an ISO 4217 currency code such as USD");
            return null;
        }

        return upper;
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

        if (ApiEnums.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        Add(field, $"must be one of {string.Join(", ", ApiEnums.Names<TEnum>())}");
        return null;
    }

    public IResult ToProblem() => ApiProblems.Validation(ToDictionary());

    public Dictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
