using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Cli;

/// <summary>
/// <c>import-csv</c> as its own process, killed with SIGKILL half-way through a file's write pass: no row of the file
/// may be left. The test makes "half-way" certain, not a matter of timing: it holds an uncommitted row with the oid of
/// a late line, so the import writes every batch before that line and then waits for the test's lock, where it is
/// killed.
/// </summary>
public sealed class ImportCsvKillTests
{
    private const int Rows = 6_000;
    private const int BlockedRow = 4_500;

    [Fact]
    public async Task A_killed_import_csv_process_leaves_no_row_of_its_file_on_PostgreSQL()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var source = await new SourceCatalog(database.CreateFactory(), TimeProvider.System).CreateAsync("CSV", SourceProvider.Api);
        var file = Path.Combine(Path.GetTempPath(), $"kill-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(file, ["oid,name,email", .. Enumerable.Range(0, Rows).Select(i => $"{Oid(i)},Customer {i},c{i}@example.com")]);
        try
        {
            await using var blocker = database.CreateContext();
            await using var transaction = await blocker.Database.BeginTransactionAsync();
            blocker.Customers.Add(new Customer { SourceId = source.Id, ExternalId = Oid(BlockedRow), CreatedAt = DateTimeOffset.UtcNow });
            await blocker.SaveChangesAsync();

            using var process = StartImport(database, source.Id, file);
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await WaitUntilTheImportWaitsForALockAsync(database, process, output);

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await transaction.RollbackAsync();

            await using var db = database.CreateContext();
            Assert.Equal(0, await db.Customers.CountAsync(c => c.SourceId == source.Id));
            lock (output)
            {
                Assert.Contains("Validating:", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Oid(int i) => string.Create(CultureInfo.InvariantCulture, $"cus_{i:D6}");

    /// <summary>Until a connection of the import waits for the test's row lock: by then it has written the batches before it.</summary>
    private static async Task WaitUntilTheImportWaitsForALockAsync(TestDatabase database, Process process, StringBuilder output)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var db = database.CreateContext();
        while (true)
        {
            var waiting = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .SingleAsync(timeout.Token);
            if (waiting > 0)
            {
                return;
            }

            if (process.HasExited)
            {
                lock (output)
                {
                    Assert.Fail($"import-csv exited ({process.ExitCode}) before it reached the locked row:\n{output}");
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    private static Process StartImport(TestDatabase database, long sourceId, string file)
    {
        var app = FindApp();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { app, "import-csv", "--source", sourceId.ToString(CultureInfo.InvariantCulture), "--kind", "customers", file })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Dashboard"] = database.Options.ConnectionString;
        start.Environment["Dashboard__SeedDemoData"] = "false";
        start.Environment["Sync__Enabled"] = "false";
        return Process.Start(start)!;
    }

    /// <summary>The app's build output beside this test assembly's: artifacts/bin/Dashboard.Web/&lt;configuration&gt;/.</summary>
    private static string FindApp()
    {
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var app = Path.Combine(testDirectory.Parent!.Parent!.FullName, "Dashboard.Web", testDirectory.Name, "Dashboard.Web.dll");
        return File.Exists(app) ? app : throw new FileNotFoundException("Build the app first.", app);
    }
}
