using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Sync;
using Dashboard.Web.Services.Sources;

namespace Dashboard.Web.Features.Settings.Sources;

/// <summary>One connected source as the Sources page lists it: stored facts plus its live sync status.</summary>
public sealed record SourceRow(
    long Id,
    string Name,
    SourceProvider Provider,
    bool CanSync,
    DateTimeOffset? LastSyncedAt,
    long Customers,
    long Subscriptions,
    long Charges,
    long ErrorCount,
    IReadOnlyList<SyncErrorRow> RecentErrors,
    int IntervalMinutes);

/// <summary>A kind's progress bar: <see cref="Percent"/> is null while the total is unknown (a first import).</summary>
public sealed record KindProgressView(string Kind, string Label, double? Percent, string Counts, string Rate, string? Eta, bool Completed);

/// <summary>Builds the page's texts from <see cref="SyncStatus"/>, so they are tested without rendering.</summary>
public static class SourcesModel
{
    public static string StateText(SyncStatus status, DateTimeOffset? lastSyncedAt, bool canSync = true) => status.State switch
    {
        SyncState.Idle when !canSync => "Receives data through the API or CSV import",
        SyncState.Running => status.Mode == SyncMode.Incremental ? "Syncing changes…" : "Importing…",
        SyncState.Succeeded => status.Errors == 0 ? "Up to date" : $"Up to date, {status.Errors} object(s) not imported",
        SyncState.Failed => "Failed: " + status.Message,
        SyncState.Canceled => "Stopped; Sync now resumes it",
        _ => lastSyncedAt is null ? "Never synced" : "Idle",
    };

    public static string KindLabel(string kind) => kind.Replace('_', ' ') switch
    {
        var words when words.Length > 0 => char.ToUpperInvariant(words[0]) + words[1..],
        var words => words,
    };

    public static IReadOnlyList<KindProgressView> Progress(SyncStatus status) =>
        status.Kinds.Select(k =>
        {
            double? percent = k.Completed ? 100
                : k.Total is { } total && total > 0 ? Math.Min(100, 100.0 * k.Done / total)
                : null;
            var counts = k.Total is { } t && !k.Completed
                ? string.Create(CultureInfo.InvariantCulture, $"{k.Done:N0} / {t:N0}")
                : string.Create(CultureInfo.InvariantCulture, $"{k.Done:N0}");
            var rate = string.Create(CultureInfo.InvariantCulture, $"{k.RatePerSecond:N0}/s");
            var eta = k.Eta is { } e && !k.Completed ? "ETA " + Duration(e) : null;
            return new KindProgressView(k.Kind, KindLabel(k.Kind), percent, counts, rate, eta, k.Completed);
        }).ToList();

    /// <summary>"45 s", "3 min", "2 h 5 min".</summary>
    public static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)Math.Ceiling(span.TotalSeconds))} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(span.TotalMinutes)} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
    };
}
