// Measures demo-data generation and seeding (docs/performance.md, "Demo data and seeding").
// Usage: dotnet run -c Release --project tests/Dashboard.DemoMeasure -- [--sqlite FILE | --postgres CONNECTION] <seed-demo arguments>
// Without a database option it seeds a fresh SQLite file in the temp folder and deletes it afterwards.
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

var rest = new List<string>(args);
string? sqliteFile = null;
string? postgres = null;
var index = rest.IndexOf("--sqlite");
if (index >= 0 && index + 1 < rest.Count)
{
    sqliteFile = rest[index + 1];
    rest.RemoveRange(index, 2);
}

index = rest.IndexOf("--postgres");
if (index >= 0 && index + 1 < rest.Count)
{
    postgres = rest[index + 1];
    rest.RemoveRange(index, 2);
}

var temporary = sqliteFile is null && postgres is null;
sqliteFile ??= Path.Combine(Path.GetTempPath(), $"dashboard-demo-{Guid.NewGuid():N}.db");
var options = postgres is not null
    ? new DatabaseOptions(DatabaseProvider.PostgreSql, postgres)
    : new DatabaseOptions(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = sqliteFile, Pooling = false }.ToString());

var builder = new DbContextOptionsBuilder<DashboardDbContext>();
StoreServiceCollectionExtensions.Configure(builder, options);
try
{
    await using var context = new DashboardDbContext(builder.Options);
    if (!rest.Contains("--dry-run"))
    {
        await context.Database.MigrateAsync();
    }

    var code = await DemoSeedCommand.RunAsync(context, rest, TimeProvider.System, Console.Out);
    if (code == 0 && options.Provider == DatabaseProvider.Sqlite && File.Exists(sqliteFile))
    {
        Console.WriteLine(FormattableString.Invariant($"SQLite file: {new FileInfo(sqliteFile).Length / 1024.0 / 1024.0:N0} MiB"));
    }

    return code;
}
finally
{
    if (temporary)
    {
        foreach (var path in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm", sqliteFile + "-journal" })
        {
            File.Delete(path);
        }
    }
}
