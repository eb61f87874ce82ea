using System.Diagnostics;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Bench;

/// <summary>
/// Measures what a server does at start-up: stream the store into timelines. Seeds the demo business into the SQLite
/// file first when the file does not exist yet (seeding a million customers takes a while; the file is reused).
/// </summary>
internal static class StoreBench
{
    public static async Task RunAsync(string file, int customers, Action<string, double> report)
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(file) }.ToString());
        if (!File.Exists(file))
        {
            await using var seedContext = CreateContext(options);
            await seedContext.Database.MigrateAsync();
            var watch = Stopwatch.StartNew();
            await new DemoSeeder(seedContext).SeedAsync(new DemoDataOptions { Customers = customers }, TimeProvider.System);
            report("seed_sqlite_store", watch.Elapsed.TotalSeconds);
        }

        await using var context = CreateContext(options);
        var load = Stopwatch.StartNew();
        var builder = await TimelineLoader.LoadAllAsync(context, new MetricSettings(), CancellationToken.None);
        report("load_rows_from_sqlite", load.Elapsed.TotalSeconds);
        var build = Stopwatch.StartNew();
        var engine = new MetricsEngine(builder.Build());
        report("build_timelines_after_load", build.Elapsed.TotalSeconds);
        report("build_timelines_from_sqlite_total", load.Elapsed.TotalSeconds);
        builder = null;

        var end = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var start = end.AddYears(-2).AddDays(1);
        var query = Stopwatch.StartNew();
        engine.Query(new MetricQuery("mrr", start, end, Interval.Month));
        report("store_mrr_monthly_2y", query.Elapsed.TotalSeconds);
    }

    private static DashboardDbContext CreateContext(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        StoreServiceCollectionExtensions.Configure(builder, options);
        return new DashboardDbContext(builder.Options);
    }
}
