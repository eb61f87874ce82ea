using System.Globalization;
using Dashboard.Infrastructure.Sync;
using Dashboard.Web.Cli;

namespace Dashboard.Web.Sources;

/// <summary><c>source sync ID</c>: runs the source's sync to its end (resuming a stopped one), printing progress.</summary>
public sealed class SourceSyncVerb : ICliVerb
{
    public string Name => "source sync";

    public string Summary => "Sync a source to the end (full import first, then incremental), printing progress";

    public string Usage => "ID";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var options = CliArguments.Parse(args, maxPositionals: 1);
        if (options.Positionals.Count != 1 || !long.TryParse(options.Positionals[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sourceId))
        {
            throw new CliUsageException("Give the source's id: 'source sync 3'.");
        }

        var runner = services.GetRequiredService<SyncRunner>();
        var statuses = services.GetRequiredService<SyncStatusService>();
        var time = services.GetRequiredService<TimeProvider>();
        var printer = new ProgressPrinter(sourceId, output, time);
        SyncStatus status;
        using (statuses.Subscribe(printer))
        {
            try
            {
                status = await runner.RunAsync(sourceId, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("Stopped; run the same command to resume from the last checkpoint.");
                return 1;
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or NotSupportedException)
            {
                await output.WriteLineAsync("Sync failed: " + e.Message);
                return 1;
            }
        }

        foreach (var kind in status.Kinds)
        {
            await output.WriteLineAsync(FormattableString.Invariant($"{kind.Kind}: {kind.Done} done"));
        }

        await output.WriteLineAsync(FormattableString.Invariant($"Sync ({status.Mode?.ToString().ToLowerInvariant()}) finished: {status.Errors} object(s) could not be imported."));
        return 0;
    }

    /// <summary>Prints a kind's progress when it starts, when it ends, and at most once a second between.</summary>
    private sealed class ProgressPrinter(long sourceId, TextWriter output, TimeProvider time) : IObserver<SyncStatus>
    {
        private readonly object gate = new();
        private readonly HashSet<string> finished = [];
        private string? current;
        private long lastPrinted;

        public void OnNext(SyncStatus value)
        {
            if (value.SourceId != sourceId || value.State != SyncState.Running)
            {
                return;
            }

            lock (gate)
            {
                foreach (var kind in value.Kinds)
                {
                    if (kind.Completed)
                    {
                        if (finished.Add(kind.Kind))
                        {
                            output.WriteLine(Format(kind));
                        }

                        continue;
                    }

                    if (kind.Kind != current || time.GetElapsedTime(lastPrinted) >= TimeSpan.FromSeconds(1))
                    {
                        current = kind.Kind;
                        lastPrinted = time.GetTimestamp();
                        output.WriteLine(Format(kind));
                    }
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        private static string Format(SyncKindProgress kind)
        {
            var total = kind.Total is { } t ? "/" + t.ToString(CultureInfo.InvariantCulture) : string.Empty;
            var eta = kind.Eta is { } e && !kind.Completed ? ", ETA " + e.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : string.Empty;
            var state = kind.Completed ? " (done)" : string.Empty;
            return FormattableString.Invariant($"{kind.Kind}: {kind.Done}{total}{state}, {kind.RatePerSecond:0}/s{eta}");
        }
    }
}
