using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Auth;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Cli;

/// <summary>
/// The store, accounts, API keys and the user and apikey verbs over a test database, with a console whose standard
/// input, standard error and environment the test controls.
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly StringWriter stderr = new();
    private readonly Dictionary<string, string> environment = new(StringComparer.Ordinal);
    private StringReader stdin = new(string.Empty);

    private CliHost(TestDatabase database, TimeProvider time)
    {
        Database = database;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = database.Provider.ToString(),
                ["ConnectionStrings:Dashboard"] = database.Options.ConnectionString,
            })
            .Build();
        Services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(time)
            .AddSingleton(new CliConsole(new DelegatingReader(() => stdin), stderr, name => environment.GetValueOrDefault(name)))
            .AddDashboardStore(configuration, Path.GetTempPath())
            .AddDashboardAuth()
            .AddSingleton<ApiKeyService>()
            .AddDashboardCli()
            .AddCliVerb<UserCreateVerb>()
            .AddCliVerb<UserListVerb>()
            .AddCliVerb<UserDeleteVerb>()
            .AddCliVerb<UserSetRoleVerb>()
            .AddCliVerb<ApiKeyCreateVerb>()
            .AddCliVerb<ApiKeyListVerb>()
            .AddCliVerb<ApiKeyRevokeVerb>()
            .BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public static async Task<CliHost> StartAsync(TimeProvider? time = null) =>
        new(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), time ?? TimeProvider.System);

    /// <summary>What the next verb reads on standard input.</summary>
    public void Input(string text) => stdin = new StringReader(text);

    public void SetEnvironment(string name, string value) => environment[name] = value;

    /// <summary>Runs a verb; Error holds what the dispatcher and the verb wrote to standard error.</summary>
    public async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var before = stderr.ToString().Length;
        var usage = new StringWriter();
        var code = await Services.GetRequiredService<CliDispatcher>().RunAsync(args, Services, output, usage);
        return (code, output.ToString(), stderr.ToString()[before..] + usage);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
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
