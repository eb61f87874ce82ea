using System.Globalization;
using Dashboard.Core.Exports;
using Dashboard.Web.Services.Exports;

namespace Dashboard.Web.Cli;

/// <summary><c>export list</c>: one line per export: id, name, kind, schedule, next run (UTC) or "paused".</summary>
public sealed class ExportListVerb : ICliVerb
{
    public string Name => "export list";

    public string Summary => "List the scheduled exports";

    public string Usage => string.Empty;

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        CliArguments.Parse(args, maxPositionals: 0);
        await using var scope = services.CreateAsyncScope();
        var exports = await scope.ServiceProvider.GetRequiredService<ExportService>().ListAsync(cancellationToken);
        if (exports.Count == 0)
        {
            await output.WriteLineAsync("No exports.");
            return 0;
        }

        foreach (var export in exports)
        {
            var d = export.Definition;
            var next = d.Paused ? "paused" : export.NextRunAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "not scheduled";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{export.Id}\t{d.Name}\t{d.Kind.ToString().ToLowerInvariant()}\t{ExportSchedule.FrequencyName(d.Schedule.Frequency)} ({d.Schedule.ToCron()})\t{next}"));
        }

        return 0;
    }
}
