namespace Dashboard.Infrastructure.Import.Batches;

/// <summary>How incoming values are stored, so that re-importing the same value compares equal on every provider.</summary>
internal static class Normalize
{
    /// <summary>
    /// UTC, cut to whole microseconds: PostgreSQL keeps microseconds, so a finer instant would come back different and
    /// a retried change would no longer look identical.
    /// </summary>
    public static DateTimeOffset Instant(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    public static DateTimeOffset? Instant(DateTimeOffset? value) => value is { } v ? Instant(v) : null;

    public static string Currency(string code) => code.Trim().ToUpperInvariant();

    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
