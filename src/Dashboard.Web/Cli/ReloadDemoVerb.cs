using System.Globalization;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Services.Demo;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Cli;

/// <summary>
/// <c>reload-demo</c>: loads the first-run demo data again after it was removed, as "Load demo data again" does on
/// Settings → Sources (<see cref="DemoDataReloader"/>): into a new source of its own, clearing the removal mark in the
/// same transaction, and only while no demo source exists (exit 1 naming it otherwise). Written to the audit log as
/// the command line, a failure too (<c>demo.load_failed</c>, after the reloader removed the partial source again).
/// A running server shows the data after its next restart or metrics rebuild.
/// </summary>
public sealed class ReloadDemoVerb : ICliVerb
{
    public const int RefusedExitCode = 1;

    public string Name => "reload-demo";

    public string Summary => "Load the demo data again after it was removed (refused while a demo source exists)";

    public string Usage => string.Empty;

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length > 0)
        {
            throw new CliUsageException($"reload-demo takes no arguments, not '{string.Join(' ', args)}'.");
        }

        var audit = services.GetRequiredService<IAuditLog>();
        var reloader = new DemoDataReloader(services.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), services.GetRequiredService<TimeProvider>());
        DemoReloadResult loaded;
        try
        {
            loaded = await reloader.LoadAsync(new ConsoleProgress(output), cancellationToken);
        }
        catch (DemoDataExistsException refused)
        {
            await output.WriteLineAsync(refused.Message);
            return RefusedExitCode;
        }
        catch (Exception failure)
        {
            await DemoReloadAudit.FailedAsync(audit, AuditActor.CommandLine, failure);
            throw;
        }

        await DemoReloadAudit.LoadedAsync(audit, AuditActor.CommandLine, loaded, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {loaded.Customers:N0} demo customers into source {loaded.SourceId} ('{loaded.Name}')."));
        return 0;
    }

    /// <summary>One line per batch written.</summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<DemoSeedProgress>
    {
        public void Report(DemoSeedProgress value) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value.Customers,8:N0} / {value.TotalCustomers:N0} customers"));
    }
}
