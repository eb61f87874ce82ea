using System.Globalization;
using System.Text.Json;

namespace Dashboard.Infrastructure.Import;

/// <summary>
/// How text from the outside (REST bodies, CSV cells) becomes import values, shared so every door reads timestamps and
/// enum names the same way: instants as unix seconds or ISO 8601, enums in snake_case ("one_time") or their C# name.
/// </summary>
public static class ImportValues
{
    public const string InstantExpected = "must be unix seconds or an ISO 8601 date-time";

    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TryFromUnixSeconds(seconds, out instant);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            instant = parsed.ToUniversalTime();
            return true;
        }

        return false;
    }

    public static bool TryFromUnixSeconds(long seconds, out DateTimeOffset instant)
    {
        instant = default;
        // Year 1970 to 9999: anything else is a unit mistake (milliseconds) rather than a date.
        if (seconds is < 0 or > 253_402_300_799)
        {
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    public static string EnumName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static IEnumerable<string> EnumNames<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(EnumName);

    public static bool TryParseEnum<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        var wanted = text.Trim();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(EnumName(candidate), wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
