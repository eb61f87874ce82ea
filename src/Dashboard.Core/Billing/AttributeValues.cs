using System.Globalization;

namespace Dashboard.Core.Billing;

/// <summary>Converts attribute values between their invariant stored text and typed values.</summary>
public static class AttributeValues
{
    /// <summary>Checks <paramref name="raw"/> against <paramref name="type"/> and returns the canonical stored text.</summary>
    public static bool TryNormalize(AttributeType type, string raw, out string normalized)
    {
        normalized = string.Empty;
        var text = raw.Trim();
        switch (type)
        {
            case AttributeType.String:
                normalized = text;
                return true;
            case AttributeType.Number when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                normalized = number.ToString(CultureInfo.InvariantCulture);
                return true;
            case AttributeType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                normalized = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
            case AttributeType.Date when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant):
                normalized = DateOnly.FromDateTime(instant.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
            case AttributeType.Boolean when bool.TryParse(text, out var flag):
                normalized = flag ? "true" : "false";
                return true;
            case AttributeType.Boolean when text is "1" or "0" or "yes" or "no":
                normalized = text is "1" or "yes" ? "true" : "false";
                return true;
            default:
                return false;
        }
    }

    public static decimal? AsNumber(string value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static DateOnly? AsDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
