using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Demo;

public sealed class DemoSeedCommandTests
{
    [Fact]
    public void Arguments_are_parsed_and_checked()
    {
        var (options, dryRun) = DemoSeedCommand.Parse(["--customers", "250", "--seed", "9", "--source-id", "3", "--multi-currency", "--dry-run"], out var error);
        Assert.Null(error);
        Assert.True(dryRun);
        Assert.Equal(new DemoDataOptions { Customers = 250, Seed = 9, SourceId = 3, MultiCurrency = true }, options);

        Assert.Null(DemoSeedCommand.Parse(["--customers", "many"], out error).Options);
        Assert.Contains("--customers", error, StringComparison.Ordinal);
        Assert.Null(DemoSeedCommand.Parse(["--bogus"], out error).Options);
        Assert.Contains("Unknown argument", error, StringComparison.Ordinal);
        Assert.Null(DemoSeedCommand.Parse(["--batch-size", "0"], out _).Options);
    }

    [Fact]
    public async Task The_verb_seeds_and_reports()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var context = database.CreateContext();
        var output = new StringWriter();
        var code = await DemoSeedCommand.RunAsync(context, ["--customers", "40", "--batch-size", "10"], TimeProvider.System, output);

        Assert.Equal(0, code);
        Assert.Contains("Seeded", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("rows/s", output.ToString(), StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(40, await db.Customers.CountAsync());
        Assert.Equal(2, await DemoSeedCommand.RunAsync(context, ["--nope"], TimeProvider.System, output));
    }
}
