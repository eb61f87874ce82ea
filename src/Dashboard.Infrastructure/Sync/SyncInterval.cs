using System.Globalization;

namespace Dashboard.Infrastructure.Sync;

/// <summary>
/// How often a source syncs, in minutes. Only intervals that split an hour or a day evenly are allowed, so each one is
/// a plain cron expression (UTC) and a source syncs at the same minutes every hour or day.
/// </summary>
public static class SyncInterval
{
    public const int DefaultMinutes = 60;

    /// <summary>The settings table key holding a source's interval in minutes (absent: <c>Sync:DefaultIntervalMinutes</c>).</summary>
    public static string SettingKey(long sourceId) => "Sync:IntervalMinutes:" + sourceId.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<int> Choices { get; } = [5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440];

    public static bool IsValid(int minutes) => Choices.Contains(minutes);

    public static string Cron(int minutes) => minutes switch
    {
        _ when !IsValid(minutes) => throw new ArgumentOutOfRangeException(nameof(minutes), minutes, Invalid(minutes)),
        < 60 => $"*/{minutes} * * * *",
        60 => "0 * * * *",
        1440 => "0 0 * * *",
        _ => $"0 */{minutes / 60} * * *",
    };

    /// <summary>"every 15 minutes", "hourly", "every 6 hours", "daily".</summary>
    public static string Describe(int minutes) => minutes switch
    {
        60 => "hourly",
        1440 => "daily",
        < 60 => $"every {minutes} minutes",
        _ => $"every {minutes / 60} hours",
    };

    public static string Invalid(int minutes) =>
        $"{minutes} is not a sync interval; use one of {string.Join(", ", Choices)} minutes.";
}
