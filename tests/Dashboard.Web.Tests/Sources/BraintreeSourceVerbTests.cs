using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Braintree;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Sources;
using Dashboard.Web.Tests.Services.Audit;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Sources;

/// <summary><c>source add braintree</c> (and the options every connector gets from its descriptor) through the CLI dispatcher.</summary>
public sealed class BraintreeSourceVerbTests : IAsyncLifetime
{
    private const string PrivateKey = "bt_private_cli_secret";

    private readonly StringWriter stderr = new();
    private TestDatabase database = null!;
    private ServiceProvider services = null!;
    private string keys = null!;
    private StringReader stdin = new(string.Empty);

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        keys = Path.Combine(Path.GetTempPath(), "dashboard-keys-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys })
            .Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.CreateFactory())
            .AddSingleton(new CliConsole(new DelegatingReader(() => stdin), stderr, _ => null))
            .AddBillingImporter()
            .AddSourceCredentials(configuration, Path.GetTempPath())
            .AddStripeConnector(configuration)
            .AddBraintreeSetup()
            .AddSingleton(database.Options)
            .AddBackgroundJobs(configuration, runServer: false)
            .AddScheduledSync(configuration, reconcileAtStart: false)
            .AddDashboardCli()
            .AddCliVerb<SourceAddVerb>()
            .AddCliVerb<SourceSyncVerb>()
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }
    }

    [Fact]
    public async Task Add_reads_the_private_key_from_stdin_prints_the_id_last_and_stores_the_keys_encrypted()
    {
        stdin = new StringReader(PrivateKey + "\n");

        var (code, output, error) = await RunAsync("source", "add", "braintree", "--name", "Shop", "--merchant-id", "merchant1", "--public-key", "pub1", "--private-key-stdin");

        Assert.Equal((0, string.Empty), (code, error));
        Assert.DoesNotContain(PrivateKey, output, StringComparison.Ordinal);
        var id = LastLineId(output);
        Assert.Contains($"webhooks go to /webhooks/braintree/{id}", output, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        var source = await db.Sources.SingleAsync();
        Assert.Equal((id, "Shop", SourceProvider.Braintree, (string?)null), (source.Id, source.Name, source.Provider, source.ApiBase));
        Assert.DoesNotContain(PrivateKey, source.ProtectedCredentials, StringComparison.Ordinal);
        Assert.DoesNotContain("merchant1", source.ProtectedCredentials, StringComparison.Ordinal);
        var credentials = services.GetRequiredService<SourceCredentialProtector>().Unprotect<BraintreeCredentials>(source.ProtectedCredentials!);
        Assert.Equal(new BraintreeCredentials("merchant1", "pub1", PrivateKey, "production", null), credentials);
        var audit = Assert.Single(await services.GetRequiredService<IAuditLog>().AllAsync());
        Assert.Equal((AuditActions.SourceAdded, "command line", $"source {id} 'Shop' (braintree)"), (audit.Action, audit.Actor, audit.Target));
    }

    [Fact]
    public async Task The_environment_and_an_api_base_that_overrides_its_url_are_stored()
    {
        stdin = new StringReader(PrivateKey + "\n");

        var (code, output, _) = await RunAsync("source", "add", "braintree", "--name", "Sandbox shop", "--merchant-id", "m2", "--public-key", "pub2",
            "--private-key-stdin", "--environment", "sandbox", "--api-base", "http://127.0.0.1:9/gateway/");

        Assert.Equal(0, code);
        await using var db = database.CreateContext();
        var source = await db.Sources.SingleAsync(s => s.Id == LastLineId(output));
        var credentials = services.GetRequiredService<SourceCredentialProtector>().Unprotect<BraintreeCredentials>(source.ProtectedCredentials!);
        Assert.Equal(("sandbox", "http://127.0.0.1:9/gateway/"), (credentials.Environment, credentials.ApiBase));
        Assert.Equal("http://127.0.0.1:9/gateway/", source.ApiBase);
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == RecurringSyncSchedule.JobId(source.Id));
    }

    [Theory]
    [InlineData("--merchant-id", "--name", "Shop", "--public-key", "pub", "--private-key-stdin")]
    [InlineData("--merchant-id", "--name", "Shop", "--merchant-id", "a/b", "--public-key", "pub", "--private-key-stdin")]
    [InlineData("--public-key", "--name", "Shop", "--merchant-id", "m", "--public-key", "p:q", "--private-key-stdin")]
    [InlineData("--environment", "--name", "Shop", "--merchant-id", "m", "--public-key", "pub", "--private-key-stdin", "--environment", "staging")]
    [InlineData("--api-base", "--name", "Shop", "--merchant-id", "m", "--public-key", "pub", "--private-key-stdin", "--api-base", "not a url")]
    [InlineData("--name", "--merchant-id", "m", "--public-key", "pub", "--private-key-stdin")]
    [InlineData("--private-key-stdin", "--name", "Shop", "--merchant-id", "m", "--public-key", "pub")]
    [InlineData("--private-key", "--name", "Shop", "--merchant-id", "m", "--public-key", "pub", "--private-key", "visible")]
    public async Task A_missing_or_bad_field_is_refused_naming_its_option_and_nothing_is_added(string named, params string[] options)
    {
        stdin = new StringReader(PrivateKey + "\n");

        var (code, output, error) = await RunAsync(["source", "add", "braintree", .. options]);

        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains($"'{named}'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateKey, output + error, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.False(await db.Sources.AnyAsync());
    }

    [Fact]
    public async Task An_empty_standard_input_is_refused_naming_the_stdin_option()
    {
        var (code, _, error) = await RunAsync("source", "add", "braintree", "--name", "Shop", "--merchant-id", "m", "--public-key", "pub", "--private-key-stdin");

        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains("'--private-key-stdin' (Private key) read nothing", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paypal")]
    [InlineData("--name")]
    public async Task An_unknown_or_missing_provider_lists_the_registered_ones(string first)
    {
        var (code, _, error) = await RunAsync("source", "add", first, "Shop");

        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains("source add stripe|braintree", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stripe_key_may_come_from_stdin_too()
    {
        stdin = new StringReader("rk_test_from_stdin\n");

        var (code, output, error) = await RunAsync("source", "add", "stripe", "--name", "Acme", "--api-key-stdin");

        Assert.Equal((0, string.Empty), (code, error));
        await using var db = database.CreateContext();
        var source = await db.Sources.SingleAsync(s => s.Id == LastLineId(output));
        Assert.Equal("rk_test_from_stdin", services.GetRequiredService<SourceCredentialProtector>().Unprotect<StripeCredentials>(source.ProtectedCredentials!).ApiKey);
    }

    [Fact]
    public async Task Help_shows_every_providers_options_from_its_descriptor()
    {
        var (code, output, _) = await RunAsync("help", "source", "add");

        Assert.Equal(0, code);
        Assert.Contains("stripe --name N --api-key API_KEY|--api-key-stdin [--api-base URL]", output, StringComparison.Ordinal);
        Assert.Contains("braintree --name N --merchant-id MERCHANT_ID --public-key PUBLIC_KEY --private-key-stdin [--environment production|sandbox] [--api-base URL]", output, StringComparison.Ordinal);
    }

    private static long LastLineId(string output) =>
        long.Parse(output.TrimEnd().Split('\n')[^1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var before = stderr.ToString().Length;
        var code = await services.GetRequiredService<CliDispatcher>().RunAsync(args, services, output, error);
        return (code, output.ToString(), stderr.ToString()[before..] + error);
    }

    /// <summary>Reads from whatever input the test set last.</summary>
    private sealed class DelegatingReader(Func<TextReader> current) : TextReader
    {
        public override int Peek() => current().Peek();

        public override int Read() => current().Read();

        public override string? ReadLine() => current().ReadLine();

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => current().ReadLineAsync(cancellationToken);
    }
}
