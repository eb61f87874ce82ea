using Dashboard.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Testing;

/// <summary>
/// A fresh, migrated database for one test or fixture: a temporary SQLite file, or a new database on the PostgreSQL
/// server the test script starts (DASHBOARD_TEST_POSTGRES; without it a PostgreSQL test is skipped, see
/// <see cref="RequiredServer"/>). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = RequiredServer.PostgresVariable;

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
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Tests run on Sqlite and PostgreSql."),
    };

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
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
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
