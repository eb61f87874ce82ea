using System.Globalization;
using Dashboard.Infrastructure.Sync;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Sources;

/// <summary><c>source set-interval ID --minutes N</c>: how often the source's recurring sync runs (stored in the settings table).</summary>
public sealed class SourceSetIntervalVerb : ICliVerb
{
    public string Name => "source set-interval";

    public string Summary => "Set how often a source syncs in the background (minutes: " + string.Join(", ", SyncInterval.Choices) + ")";

    public string Usage => "ID --minutes N";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var options = CliArguments.Parse(args, ["minutes"], maxPositionals: 1);
        if (options.Positionals.Count != 1 || !long.TryParse(options.Positionals[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sourceId))
        {
            throw new CliUsageException("Give the source's id: 'source set-interval 3 --minutes 30'.");
        }

        options.Required("minutes");
        var minutes = options.Int("minutes", SyncInterval.DefaultMinutes);
        if (!SyncInterval.IsValid(minutes))
        {
            throw new CliUsageException(SyncInterval.Invalid(minutes));
        }

        try
        {
            await services.GetRequiredService<SyncIntervals>().SetAsync(sourceId, minutes, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }

        await services.GetRequiredService<ISyncSchedule>().ApplyAsync(sourceId, cancellationToken);
        await services.GetRequiredService<IAuditLog>().RecordAsync(AuditActor.CommandLine, AuditActions.SourceIntervalChanged,
            $"{AuditActor.Source(sourceId)}: every {minutes.ToString(CultureInfo.InvariantCulture)} minutes", cancellationToken);
        await output.WriteLineAsync($"Source {sourceId.ToString(CultureInfo.InvariantCulture)} now syncs {SyncInterval.Describe(minutes)}.");
        return 0;
    }
}
