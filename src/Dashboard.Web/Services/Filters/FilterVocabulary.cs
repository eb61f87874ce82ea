using System.Globalization;

namespace Dashboard.Web.Services.Filters;

/// <summary>A value a filter field may take, with what a person reads for it ("Stripe (live)" for source 2).</summary>
public sealed record FilterValueOption(string Value, string Label);

/// <summary>A filter field: its key (what URLs and segments store), its title and the values customers hold for it.</summary>
public sealed record FilterFieldOption(string Key, string Title, IReadOnlyList<FilterValueOption> Values, bool Comparable = false);

/// <summary>An operator as the URL writes it and as a sentence reads it.</summary>
public sealed record FilterOperatorOption(string Key, string Words, bool TakesValue = true);

/// <summary>
/// Everything the filter builder needs to speak in words: the fields by title with their known values, and the
/// operators. It turns a stored <c>field:op:value</c> into a phrase ("UTM source is google") and checks a new filter.
/// </summary>
public sealed record FilterVocabulary(IReadOnlyList<FilterFieldOption> Fields)
{
    /// <summary>The operators in the order the builder offers them.</summary>
    public static readonly IReadOnlyList<FilterOperatorOption> Operators =
    [
        new("eq", "is"),
        new("neq", "is not"),
        new("contains", "contains"),
        new("in", "is one of"),
        new("gte", "is at least"),
        new("lte", "is at most"),
        new("gt", "is more than"),
        new("lt", "is less than"),
        new("exists", "is set", TakesValue: false),
        new("not_exists", "is not set", TakesValue: false),
    ];

    private static readonly IReadOnlySet<string> Comparisons = new HashSet<string>(["gt", "gte", "lt", "lte"], StringComparer.Ordinal);

    /// <summary>The built-in fields by title, without known values (a page that has not loaded them yet, or a test).</summary>
    public static FilterVocabulary BuiltIn { get; } = new(BuiltInFields([], [], [], [], []));

    /// <summary>The built-in customer fields and plan, each with the values given.</summary>
    public static IReadOnlyList<FilterFieldOption> BuiltInFields(IReadOnlyList<FilterValueOption> sources, IReadOnlyList<FilterValueOption> currencies,
        IReadOnlyList<FilterValueOption> countries, IReadOnlyList<FilterValueOption> plans, IReadOnlyList<FilterValueOption> emails) =>
    [
        new("plan", "Plan", plans),
        new("country", "Country", countries),
        new("currency", "Currency", currencies),
        new("source", "Source", sources),
        new("email", "Email", emails),
    ];

    public FilterFieldOption? Field(string key) => Fields.FirstOrDefault(f => f.Key == key);

    /// <summary>The field's title, or its key when the field is unknown here.</summary>
    public string Title(string key) => Field(key)?.Title ?? key;

    public static FilterOperatorOption? Operator(string key) => Operators.FirstOrDefault(o => o.Key == key);

    /// <summary>The label of a known value of the field ("Pro (USD)" for a plan id), else the value itself.</summary>
    public string Label(string field, string value) =>
        Field(field)?.Values.FirstOrDefault(v => string.Equals(v.Value, value, StringComparison.Ordinal))?.Label ?? value;

    /// <summary>
    /// A stored filter in words: <c>utm_source:eq:google</c> reads "UTM source is google", <c>plan:in:a|b</c> "Plan is
    /// one of A or B", <c>country:exists:</c> "Country is set". Text that is not a filter is returned as it is.
    /// </summary>
    public string Describe(string filter)
    {
        var parts = filter.Split(':', 3);
        if (parts.Length < 2 || Operator(parts[1].Trim().ToLowerInvariant()) is not { } op)
        {
            return filter;
        }

        var field = parts[0].Trim();
        var title = Title(field);
        if (!op.TakesValue)
        {
            return $"{title} {op.Words}";
        }

        var value = parts.Length > 2 ? parts[2] : string.Empty;
        var shown = op.Key == "in"
            ? string.Join(" or ", value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => Label(field, v)))
            : Label(field, value);
        return $"{title} {op.Words} {shown}";
    }

    /// <summary>
    /// The <c>field:op:value</c> text of a new filter, or a message saying what is missing: a field, an operator, a value
    /// (unless the operator needs none) and, for at least/at most/more/less than, a number or a YYYY-MM-DD date.
    /// </summary>
    public (string? Filter, string? Problem) Compose(string? field, string? op, string? value)
    {
        var key = field?.Trim() ?? string.Empty;
        if (key.Length == 0)
        {
            return (null, "Pick a field to filter on.");
        }

        if (Operator(op ?? string.Empty) is not { } chosen)
        {
            return (null, "Pick how to compare (is, is not, contains…).");
        }

        if (!chosen.TakesValue)
        {
            return ($"{key}:{chosen.Key}:", null);
        }

        var text = value?.Trim() ?? string.Empty;
        if (chosen.Key == "in")
        {
            text = string.Join('|', text.Split(['|', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        if (text.Length == 0)
        {
            return (null, $"Enter a value for {Title(key)} (or choose \"is set\").");
        }

        if (Comparisons.Contains(chosen.Key) && !IsNumberOrDate(text))
        {
            return (null, $"\"{chosen.Words}\" compares numbers or dates: enter a number or a date such as 2026-01-31.");
        }

        return ($"{key}:{chosen.Key}:{text}", null);
    }

    private static bool IsNumberOrDate(string value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
