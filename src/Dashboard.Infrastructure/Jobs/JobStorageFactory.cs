using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Storage;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;

namespace Dashboard.Infrastructure.Jobs;

/// <summary>
/// Where background jobs are kept, following <c>Database:Provider</c>: on SQLite a file of its own next to the store
/// (never the store's file: Hangfire's polling would contend with the store's writers), on PostgreSQL and SQL Server
/// the store's database in a schema <c>hangfire</c>.
/// </summary>
public static class JobStorageFactory
{
    public const string Schema = "hangfire";

    public static JobStorage Create(DatabaseOptions database, JobsOptions jobs) => database.Provider switch
    {
        DatabaseProvider.Sqlite => new SQLiteStorage(SqliteFile(database.ConnectionString), new SQLiteStorageOptions { QueuePollInterval = jobs.PollInterval }),
        DatabaseProvider.PostgreSql => PostgreSql(database.ConnectionString, jobs),
        DatabaseProvider.SqlServer => new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions { SchemaName = Schema, QueuePollInterval = jobs.PollInterval }),
        _ => throw new InvalidOperationException($"No job storage for database provider {database.Provider}."),
    };

    /// <summary>The jobs file beside the store's: <c>data/dashboard.db</c> → <c>data/dashboard-hangfire.db</c>.</summary>
    /// <remarks>Named after the store's file so that several stores in one folder (tests) never share one.</remarks>
    public static string SqliteFile(string storeConnectionString)
    {
        var store = new SqliteConnectionStringBuilder(storeConnectionString).DataSource;
        if (string.IsNullOrEmpty(store) || store == ":memory:")
        {
            throw new InvalidOperationException("Background jobs need the SQLite store to be a file, not an in-memory database.");
        }

        var full = Path.GetFullPath(store);
        var file = Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + "-hangfire.db");
        // Readable by the app's user only (job arguments carry webhook payloads).
        PrivateFiles.CreateFile(file);
        return file;
    }

    private static JobStorage PostgreSql(string connectionString, JobsOptions jobs)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = jobs.PollInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
