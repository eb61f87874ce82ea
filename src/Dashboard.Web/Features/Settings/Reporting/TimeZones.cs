namespace Dashboard.Web.Features.Settings.Reporting;

/// <summary>The IANA time zone names this machine knows, for the time zone picker and its validation.</summary>
public static class TimeZones
{
    private static readonly Lazy<IReadOnlyList<string>> Known = new(() =>
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal) { "UTC" };
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (zone.HasIanaId)
            {
                ids.Add(zone.Id);
            }
            else if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana))
            {
                ids.Add(iana);
            }
        }

        return ids.ToList();
    });

    public static IReadOnlyList<string> All => Known.Value;

    /// <summary>The known IANA name matching <paramref name="id"/> (any case), or null when there is none.</summary>
    public static string? Canonical(string id)
    {
        var trimmed = id.Trim();
        var match = All.FirstOrDefault(z => z.Equals(trimmed, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return match;
        }

        // Aliases the list leaves out (Etc/UTC, Asia/Calcutta) are still IANA names the engine can load.
        return TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var zone) && zone.HasIanaId ? trimmed : null;
    }
}
