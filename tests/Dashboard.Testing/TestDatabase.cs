using Dashboard.Infrastructure.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace Dashboard.Testing;

/// <summary>
/// A fresh, migrated database for one test or fixture: a temporary SQLite file, a new database on the PostgreSQL
/// server the test script starts (DASHBOARD_TEST_POSTGRES; without it a PostgreSQL test is skipped, see
/// <see cref="RequiredServer"/>), or a new database on a SQL Server named by DASHBOARD_TEST_SQLSERVER (a connection
/// string; no SQL Server runs in CI, so without it SQL Server tests are skipped). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = RequiredServer.PostgresVariable;

    public const string SqlServerVariable = "DASHBOARD_TEST_SQLSERVER";

    public static readonly string SqlServerSkipReason =
        $"No SQL Server to test against: set {SqlServerVariable} to a connection string to run the store tests on SQL Server.";

    private readonly Func<Task> drop;

    private TestDatabase(DatabaseOptions options, Func<Task> drop)
    {
        Options = options;
        this.drop = drop;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true) => provider switch
    {
        DatabaseProvider.Sqlite => CreateSqliteAsync(migrate),
        DatabaseProvider.PostgreSql => CreatePostgresAsync(migrate),
        DatabaseProvider.SqlServer => CreateSqlServerAsync(migrate),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Tests run on Sqlite, PostgreSql and SqlServer."),
    };

    /// <summary>The live SQL Server's connection string, or null when none is configured.</summary>
    public static string? SqlServer =>
        Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } server ? server : null;

    public DashboardDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        StoreServiceCollectionExtensions.Configure(builder, Options);
        return new DashboardDbContext(builder.Options);
    }

    /// <summary>A context factory over this database, for code that takes <see cref="IDbContextFactory{TContext}"/>.</summary>
    public IDbContextFactory<DashboardDbContext> CreateFactory() => new Factory(this);

    public async ValueTask DisposeAsync() => await drop();

    private static async Task<TestDatabase> CreateSqliteAsync(bool migrate)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        var database = new TestDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, connectionString), () =>
        {
            // The store's file and the background jobs' file beside it (JobStorageFactory.SqliteFile), each with WAL and SHM.
            var jobs = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + "-hangfire.db");
            foreach (var path in new[] { file, jobs }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
            {
                File.Delete(path);
            }

            return Task.CompletedTask;
        });
        await database.InitializeAsync(migrate);
        return database;
    }

    private static async Task<TestDatabase> CreatePostgresAsync(bool migrate)
    {
        var server = RequiredServer.Postgres();
        var name = $"dashboard_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ToString();
        var database = new TestDatabase(new DatabaseOptions(DatabaseProvider.PostgreSql, connectionString),
            () => ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
        await database.InitializeAsync(migrate);
        return database;
    }

    private static async Task<TestDatabase> CreateSqlServerAsync(bool migrate)
    {
        var server = SqlServer ?? throw new SkipException(SqlServerSkipReason);
        var name = $"dashboard_test_{Guid.NewGuid():N}";
        await ExecuteSqlServerAsync(server, $"CREATE DATABASE [{name}]");
        var connectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = name, Pooling = false }.ToString();
        var database = new TestDatabase(new DatabaseOptions(DatabaseProvider.SqlServer, connectionString),
            () => ExecuteSqlServerAsync(server,
                $"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END"));
        await database.InitializeAsync(migrate);
        return database;
    }

    private static async Task ExecuteSqlServerAsync(string connectionString, string sql)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task InitializeAsync(bool migrate)
    {
        if (!migrate)
        {
            return;
        }

        await using var context = CreateContext();
        await context.Database.MigrateAsync();
    }

    private sealed class Factory(TestDatabase database) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => database.CreateContext();
    }
}
