using System.Globalization;

namespace Dashboard.Core.Exports;

/// <summary>
/// Checks a five-field cron expression (minute, hour, day of month, month, day of week) of numbers, <c>*</c>, ranges
/// <c>a-b</c>, steps <c>/n</c> and lists <c>a,b</c>; names such as MON are not accepted.
/// </summary>
public static class CronText
{
    private static readonly (string Name, int Min, int Max)[] Fields =
        [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7)];

    /// <summary>Null when <paramref name="cron"/> is valid, otherwise what is wrong with it.</summary>
    public static string? Check(string? cron)
    {
        var parts = (cron ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Fields.Length)
        {
            return "must have five fields: minute hour day-of-month month day-of-week";
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var (name, min, max) = Fields[i];
            if (!parts[i].Split(',').All(item => ItemIsValid(item, min, max)))
            {
                return $"the {name} field '{parts[i]}' is not valid (numbers {min}-{max}, *, a-b, /n, lists)";
            }
        }

        return null;
    }

    private static bool ItemIsValid(string item, int min, int max)
    {
        var slash = item.Split('/');
        if (slash.Length > 2 || (slash.Length == 2 && !(Number(slash[1], 1, max) is not null)))
        {
            return false;
        }

        var range = slash[0];
        if (range == "*")
        {
            return true;
        }

        var ends = range.Split('-');
        return ends.Length switch
        {
            1 => Number(ends[0], min, max) is not null,
            2 => Number(ends[0], min, max) is { } a && Number(ends[1], min, max) is { } b && a <= b,
            _ => false,
        };
    }

    private static int? Number(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;
}
