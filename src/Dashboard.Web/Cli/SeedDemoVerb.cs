using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Cli;

/// <summary><c>seed-demo --customers N</c>: streams a generated demo business into the store, printing rows per second.</summary>
public sealed class SeedDemoVerb : ICliVerb
{
    public string Name => "seed-demo";

    public string Summary => "Fill the store with a generated demo business (scales to 1,000,000 customers)";

    public string Usage => DemoSeedCommand.Usage["seed-demo ".Length..];

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(cancellationToken);
        return await DemoSeedCommand.RunAsync(db, args, services.GetRequiredService<TimeProvider>(), output, cancellationToken);
    }
}
