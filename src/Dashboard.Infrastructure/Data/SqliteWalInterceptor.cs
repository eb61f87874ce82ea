using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Dashboard.Infrastructure.Data;

/// <summary>
/// Puts a SQLite file in WAL mode with <c>synchronous=NORMAL</c> and a busy timeout, once per physical connection (pooled connections
/// keep their handle, so later opens cost nothing). With the default rollback journal every commit waits for several
/// fsyncs and readers block the writer; in WAL a commit appends to the log and readers never block it. NORMAL in WAL
/// mode cannot corrupt the file: an OS crash or power loss may only drop the last commits, an app crash loses nothing.
/// Files that cannot switch (in-memory databases, a file another process holds in another mode) keep their settings,
/// and then <c>synchronous</c> is left alone too.
/// </summary>
internal sealed class SqliteWalInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteWalInterceptor Instance = new();

    private const int BusyTimeoutMilliseconds = 10_000;

    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSetup(connection, out var sqlite))
        {
            Setup(sqlite);
        }
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // The pragmas are local and quick, and Microsoft.Data.Sqlite runs commands synchronously anyway.
        if (NeedsSetup(connection, out var sqlite))
        {
            Setup(sqlite);
        }

        return Task.CompletedTask;
    }

    private static bool NeedsSetup(DbConnection connection, out SqliteConnection sqlite)
    {
        sqlite = (connection as SqliteConnection)!;
        return sqlite?.Handle is { } handle && !Configured.TryGetValue(handle, out _);
    }

    private static void Setup(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();

        // Concurrent writers wait for the write lock inside SQLite (short sleeps that grow) instead of getting SQLITE_BUSY
        // at once and going through Microsoft.Data.Sqlite's coarser retry loop.
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA journal_mode = WAL";
        if (string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            command.CommandText = "PRAGMA synchronous = NORMAL";
            command.ExecuteNonQuery();
        }

        Configured.AddOrUpdate(connection.Handle!, Instance);
    }
}
