using System.Globalization;

namespace Dashboard.Web.Components.Controls;

/// <summary>
/// What the dated-note forms (chart annotations, customer notes) share: reading the typed date and turning a
/// service's refusal into one sentence per field.
/// </summary>
public static class DatedNoteInput
{
    public const string BadDate = "Date must be a date in the form YYYY-MM-DD.";

    /// <summary>An empty box is no date (the service picks its default); anything else must be yyyy-MM-dd.</summary>
    public static bool TryReadDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        date = parsed;
        return true;
    }

    /// <summary>"Date is required. Note is too long." from the service's errors by field, named for people.</summary>
    public static string Describe(IReadOnlyDictionary<string, string[]> errors, Func<string, string> fieldName) =>
        string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{fieldName(e.Key)} {m}.")));
}
