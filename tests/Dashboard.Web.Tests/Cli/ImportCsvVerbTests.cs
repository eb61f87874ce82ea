using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources;
using Dashboard.Testing;
using Dashboard.Web.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Services.Audit;

namespace Dashboard.Web.Tests.Cli;

public sealed class ImportCsvVerbTests : IAsyncLifetime
{
    private readonly List<string> files = [];
    private TestDatabase database = null!;
    private ServiceProvider services = null!;
    private long sourceId;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.CreateFactory())
            .AddBillingImporter()
            .AddDashboardCli()
            .AddCliVerb<ImportCsvVerb>()
            .BuildServiceProvider();
        sourceId = (await services.GetRequiredService<SourceCatalog>().CreateAsync("CSV", SourceProvider.Api)).Id;
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
        files.ForEach(File.Delete);
    }

    [Fact]
    public async Task A_valid_file_is_imported_with_progress_and_a_summary_and_exits_0()
    {
        var file = Write("oid,name,currency,amount,interval", "pro,Pro,USD,4900,month", "team,Team,USD,9900,year");

        var (code, output, error) = await RunAsync("import-csv", "--source", Id, "--kind", "plans", file);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Validating: 2/2 rows (100%)", output);
        Assert.Contains("Importing: 2/2 rows (100%)", output);
        Assert.Contains($"Imported 2 plans row(s) into source {sourceId}: 2 created, 0 updated, 0 unchanged", output);
        Assert.Equal(2, await CountPlansAsync());
        var entry = Assert.Single(await services.GetRequiredService<IAuditLog>().AllAsync(AuditActions.CsvImported));
        Assert.Equal(("command line", $"{Path.GetFileName(file)} (plans) into source {sourceId}: 2 row(s)", (string?)null), (entry.Actor, entry.Target, entry.RemoteIp));
    }

    [Fact]
    public async Task Bad_rows_are_listed_with_line_and_field_nothing_is_written_and_the_exit_code_is_1()
    {
        var file = Write("oid,name,currency,amount,interval", "pro,Pro,USD,4900,month", "bad,,USD,-1,fortnight");

        var (code, output, _) = await RunAsync("import-csv", "--source", Id, "--kind", "plans", file);

        Assert.Equal(1, code);
        Assert.Contains("3 bad row(s) in " + file + "; nothing was imported:", output);
        Assert.Contains("  line 3: interval: 'fortnight' must be one of day, week, month, year.", output);
        Assert.Contains("  line 3: name: is required.", output);
        Assert.Contains("  line 3: amount: must not be negative.", output);
        Assert.Equal(0, await CountPlansAsync());
    }

    [Theory]
    [InlineData(new[] { "--kind", "plans", "x.csv" }, "Option '--source' is required.")]
    [InlineData(new[] { "--source", "abc", "--kind", "plans", "x.csv" }, "Option '--source' must be a source id (a whole number), not 'abc'.")]
    [InlineData(new[] { "--source", "1", "--kind", "invoices", "x.csv" }, "Option '--kind' must be one of customers, plans, subscriptions, charges, refunds, attributes, not 'invoices'.")]
    [InlineData(new[] { "--source", "1", "--kind", "plans" }, "The CSV file to import is required.")]
    public async Task Bad_arguments_exit_2_with_usage(string[] args, string message)
    {
        var (code, _, error) = await RunAsync(["import-csv", .. args]);

        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains(message, error);
        Assert.Contains("Usage: import-csv --source ID --kind customers|plans|subscriptions|charges|refunds|attributes FILE", error);
    }

    [Fact]
    public async Task A_missing_file_exits_1()
    {
        var (code, output, _) = await RunAsync("import-csv", "--source", Id, "--kind", "customers", "/nonexistent/customers.csv");

        Assert.Equal(1, code);
        Assert.Contains("File '/nonexistent/customers.csv' does not exist.", output);
    }

    private string Id => sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Write(params string[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cli-csv-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, lines);
        files.Add(path);
        return path;
    }

    private async Task<int> CountPlansAsync()
    {
        await using var db = database.CreateContext();
        return await db.Plans.CountAsync();
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await services.GetRequiredService<CliDispatcher>().RunAsync(args, services, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
