using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.KeyRing;
using Dashboard.Infrastructure.Storage;
using Dashboard.Web.Features.Import;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Start-up step: deletes uploads an earlier run left in the private import folder (a crash mid-import), and warns
/// about every data file or folder that other local users can open (the app creates them 0600/0700; a looser mode
/// was set by someone else or predates this check): the SQLite store with its -wal/-shm and jobs files, the key
/// ring, and the upload folder.
/// </summary>
public sealed partial class DataAtRestStartup(
    DatabaseOptions database,
    PrivateKeyRingRepository keyRing,
    ImportUploads uploads,
    ILogger<DataAtRestStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var removed = uploads.DeleteAll();
        if (removed > 0)
        {
            LogUploadsRemoved(logger, removed, uploads.Folder);
        }

        foreach (var path in PathsToCheck())
        {
            if (!OperatingSystem.IsWindows() && PrivateFiles.IsOpenToOthers(path))
            {
                var isFolder = Directory.Exists(path);
                LogOpenToOthers(logger, path, Convert.ToString((int)File.GetUnixFileMode(path), 8), isFolder ? "chmod 700" : "chmod 600");
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every file and folder holding data at rest that exists on this machine.</summary>
    public IEnumerable<string> PathsToCheck()
    {
        if (database.Provider == DatabaseProvider.Sqlite && SqliteFile(database.ConnectionString) is { } store)
        {
            yield return Path.GetDirectoryName(store)!;
            var jobs = Path.Combine(Path.GetDirectoryName(store)!, Path.GetFileNameWithoutExtension(store) + "-hangfire.db");
            foreach (var file in new[] { store, jobs })
            {
                yield return file;
                yield return file + "-wal";
                yield return file + "-shm";
            }
        }

        yield return keyRing.Folder;
        if (Directory.Exists(keyRing.Folder))
        {
            foreach (var file in Directory.EnumerateFiles(keyRing.Folder, "*.xml"))
            {
                yield return file;
            }
        }

        yield return uploads.Folder;
    }

    private static string? SqliteFile(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetFullPath(source);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} upload(s) an earlier run left in {Folder}.")]
    private static partial void LogUploadsRemoved(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} is open to other users of this machine (mode {Mode}); it holds the dashboard's data or keys. Restrict it with `{Command}` (docs/operations.md, file permissions).")]
    private static partial void LogOpenToOthers(ILogger logger, string path, string mode, string command);
}
