using System.Diagnostics;
using System.Globalization;
using Dashboard.Infrastructure.Data;

namespace Dashboard.Infrastructure.Demo;

/// <summary>
/// The <c>seed-demo</c> command-line verb: <c>seed-demo [--customers N] [--seed S] [--source-id ID] [--batch-size B]
/// [--history-months M] [--multi-currency] [--dry-run]</c>. Seeds the store (already migrated) and prints progress,
/// rows per second and the process's peak working set; <c>--dry-run</c> only generates, to measure the generator.
/// </summary>
public static class DemoSeedCommand
{
    public const string Usage =
        "seed-demo [--customers N (1500)] [--seed S (42)] [--source-id ID (1)] [--batch-size B (1000)] " +
        "[--history-months M (24)] [--multi-currency] [--dry-run]";

    /// <summary>Parses the verb's arguments (the verb itself excluded); null with <paramref name="error"/> when they are wrong.</summary>
    public static (DemoDataOptions? Options, bool DryRun) Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new DemoDataOptions();
        var dryRun = false;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{arg} needs a value.");
            try
            {
                switch (arg)
                {
                    case "--customers":
                        options = options with { Customers = int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture) };
                        break;
                    case "--seed":
                        options = options with { Seed = long.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture) };
                        break;
                    case "--source-id":
                        options = options with { SourceId = long.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture) };
                        break;
                    case "--batch-size":
                        options = options with { BatchSize = int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture) };
                        break;
                    case "--history-months":
                        options = options with { HistoryMonths = int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture) };
                        break;
                    case "--multi-currency":
                        options = options with { MultiCurrency = true };
                        break;
                    case "--dry-run":
                        dryRun = true;
                        break;
                    default:
                        error = $"Unknown argument '{arg}'. Usage: {Usage}";
                        return (null, dryRun);
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                error = $"{arg}: {e.Message} Usage: {Usage}";
                return (null, dryRun);
            }
        }

        try
        {
            _ = new DemoDataGenerator(options with { Customers = 0 }, DateTimeOffset.UnixEpoch);
        }
        catch (ArgumentOutOfRangeException e)
        {
            error = e.Message;
            return (null, dryRun);
        }

        return (options, dryRun);
    }

    /// <summary>
    /// Runs the verb against <paramref name="context"/> (whose database must be migrated): 0 on success, 2 on bad arguments.
    /// </summary>
    public static async Task<int> RunAsync(
        DashboardDbContext context,
        IReadOnlyList<string> args,
        TimeProvider timeProvider,
        TextWriter output,
        CancellationToken cancellationToken = default)
    {
        var (options, dryRun) = Parse(args, out var error);
        if (options is null)
        {
            await output.WriteLineAsync(error);
            return 2;
        }

        if (dryRun)
        {
            var generated = Generate(options, timeProvider);
            await output.WriteLineAsync(Describe("Generated", generated.Customers, generated.Rows, generated.Elapsed));
            return 0;
        }

        var progress = new ConsoleProgress(output, options.Customers);
        var result = await new DemoSeeder(context).SeedAsync(options, timeProvider, progress, cancellationToken);
        await output.WriteLineAsync(Describe($"Seeded ({context.Database.ProviderName})", result.Customers, result.Rows, result.Elapsed));
        foreach (var (table, rows) in result.RowsByTable.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync(FormattableString.Invariant($"  {table,-22} {rows,12:N0}"));
        }

        return 0;
    }

    /// <summary>Generates without storing (to measure the generator): customers, rows and time taken.</summary>
    public static (long Customers, long Rows, TimeSpan Elapsed) Generate(DemoDataOptions options, TimeProvider timeProvider)
    {
        var stopwatch = Stopwatch.StartNew();
        var generator = new DemoDataGenerator(options, timeProvider);
        long rows = generator.Catalog.RowCount;
        long customers = 0;
        foreach (var batch in generator.GenerateBatches())
        {
            rows += batch.RowCount;
            customers += batch.Customers.Count;
        }

        return (customers, rows, stopwatch.Elapsed);
    }

    private static string Describe(string what, long customers, long rows, TimeSpan elapsed)
    {
        using var process = Process.GetCurrentProcess();
        var rate = elapsed.TotalSeconds > 0 ? rows / elapsed.TotalSeconds : 0;
        return FormattableString.Invariant(
            $"{what}: {customers:N0} customers, {rows:N0} rows in {elapsed.TotalSeconds:F1} s ({rate:N0} rows/s); ") + FormattableString.Invariant(
            $"process CPU {process.TotalProcessorTime.TotalSeconds:F1} s; peak working set {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB");
    }

    /// <summary>Prints a line roughly every 10 % of the customers.</summary>
    private sealed class ConsoleProgress(TextWriter output, long total) : IProgress<DemoSeedProgress>
    {
        private long nextReport = Math.Max(1, total / 10);

        public void Report(DemoSeedProgress value)
        {
            if (value.Customers < nextReport && value.Customers < total)
            {
                return;
            }

            nextReport = value.Customers + Math.Max(1, total / 10);
            output.WriteLine(FormattableString.Invariant(
                $"  {value.Customers,10:N0} / {value.TotalCustomers:N0} customers, {value.Rows,12:N0} rows, {value.RowsPerSecond,10:N0} rows/s"));
        }
    }
}
