using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Demo;

/// <summary>The first-run demo business: the default <see cref="DemoDataOptions"/> (1,500 customers over two years).</summary>
public sealed class FirstRunDemoSeeder(
    IDbContextFactory<DashboardDbContext> contextFactory,
    TimeProvider timeProvider,
    ILogger<FirstRunDemoSeeder> logger) : IDemoDataSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var result = await new DemoSeeder(db).SeedAsync(new DemoDataOptions(), timeProvider, cancellationToken: cancellationToken);
        logger.LogInformation("Seeded demo data: {Customers} customers, {Rows} rows in {Elapsed}", result.Customers, result.Rows, result.Elapsed);
    }
}
