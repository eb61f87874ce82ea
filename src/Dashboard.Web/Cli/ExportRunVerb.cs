using System.Globalization;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Exports;

namespace Dashboard.Web.Cli;

/// <summary>
/// <c>export run ID</c>: runs the export now in this process (file and deliveries), prints each delivery's outcome and
/// the stored file's path on the last line. Exit code 1 when the run failed.
/// </summary>
public sealed class ExportRunVerb : ICliVerb
{
    public string Name => "export run";

    public string Summary => "Run an export now and print the stored file's path";

    public string Usage => "ID";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var options = CliArguments.Parse(args, maxPositionals: 1);
        if (options.Positionals.Count != 1 || !long.TryParse(options.Positionals[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new CliUsageException("Give the export's id: 'export run 3'.");
        }

        await using var scope = services.CreateAsyncScope();
        var exports = scope.ServiceProvider.GetRequiredService<ExportService>();
        var run = await exports.RunHereAsync(id, cancellationToken);
        if (run is null)
        {
            await output.WriteLineAsync($"There is no export {id}.");
            return 1;
        }

        foreach (var delivery in run.Deliveries)
        {
            await output.WriteLineAsync($"{delivery.Type} {delivery.Target}: {delivery.Status}{(delivery.Error is { } e ? " (" + e + ")" : string.Empty)}");
        }

        if (run.Status != RunStatus.Succeeded || run.FilePath is null)
        {
            await output.WriteLineAsync($"Run {run.Id} failed: {run.Error}");
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Run {run.Id}: {run.Rows} rows, {run.Bytes} bytes"));
        await output.WriteLineAsync(exports.FullPath(run.FilePath));
        return 0;
    }
}
