using Dashboard.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Cli;

public sealed class CliDispatcherTests
{
    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new[] { "seed-demo", "--customers", "10" }, true)]
    [InlineData(new[] { "nonsense" }, true)]
    [InlineData(new[] { "--help" }, true)]
    public void Only_a_first_argument_without_dashes_or_help_is_a_verb(string[] args, bool expected) =>
        Assert.Equal(expected, CliDispatcher.IsVerbInvocation(args));

    [Fact]
    public async Task Runs_the_named_verb_with_the_remaining_arguments()
    {
        var verb = new RecordingVerb("seed-demo");
        var (code, output, _) = await RunAsync(["seed-demo", "--customers", "12"], verb);

        Assert.Equal(0, code);
        Assert.Equal(["--customers", "12"], verb.Received);
        Assert.Equal("ran seed-demo" + Environment.NewLine, output);
    }

    [Fact]
    public async Task Two_word_verbs_win_over_one_word_ones()
    {
        var create = new RecordingVerb("apikey create");
        var (code, _, _) = await RunAsync(["apikey", "create", "--name", "ci"], create, new RecordingVerb("apikey"));

        Assert.Equal(0, code);
        Assert.Equal(["--name", "ci"], create.Received);
    }

    [Fact]
    public async Task Unknown_verb_prints_usage_and_exits_2()
    {
        var (code, output, error) = await RunAsync(["frobnicate"], new RecordingVerb("seed-demo"));

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("Unknown command 'frobnicate'.", error);
        Assert.Contains("Usage: Dashboard.Web", error);
        Assert.Contains("seed-demo", error);
        Assert.Contains("help", error);
    }

    [Fact]
    public async Task Bad_arguments_print_the_error_with_the_verbs_usage_and_exit_2()
    {
        var (code, _, error) = await RunAsync(["strict", "--bogus"], new StrictVerb());

        Assert.Equal(2, code);
        Assert.Contains("Unknown option '--bogus'. Known options: --customers.", error);
        Assert.Contains("Usage: strict --customers N", error);
    }

    [Fact]
    public async Task Help_lists_every_verb_and_shows_one_verbs_usage()
    {
        var (code, output, _) = await RunAsync(["help"], new StrictVerb());
        Assert.Equal(0, code);
        Assert.Contains("help", output);
        Assert.Contains("strict", output);
        Assert.Contains("Checks its options", output);

        (code, output, _) = await RunAsync(["--help", "strict"], new StrictVerb());
        Assert.Equal(0, code);
        Assert.Contains("Usage: Dashboard.Web strict --customers N", output);

        (code, _, var error) = await RunAsync(["help", "nope"], new StrictVerb());
        Assert.Equal(2, code);
        Assert.Contains("Unknown command 'nope'", error);
    }

    [Fact]
    public async Task A_verbs_exit_code_is_passed_through()
    {
        var (code, _, _) = await RunAsync(["failing"], new RecordingVerb("failing", exitCode: 3));

        Assert.Equal(3, code);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args, params ICliVerb[] verbs)
    {
        var services = new ServiceCollection();
        services.AddDashboardCli();
        foreach (var verb in verbs)
        {
            services.AddSingleton(verb);
        }

        await using var provider = services.BuildServiceProvider();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await provider.GetRequiredService<CliDispatcher>().RunAsync(args, provider, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private sealed class RecordingVerb(string name, int exitCode = 0) : ICliVerb
    {
        public string[] Received { get; private set; } = [];

        public string Name => name;

        public string Summary => "Records its arguments";

        public string Usage => string.Empty;

        public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
        {
            Received = args;
            await output.WriteLineAsync("ran " + name);
            return exitCode;
        }
    }

    private sealed class StrictVerb : ICliVerb
    {
        public string Name => "strict";

        public string Summary => "Checks its options";

        public string Usage => "--customers N";

        public Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
        {
            var parsed = CliArguments.Parse(args, valueOptions: ["customers"]);
            return Task.FromResult(parsed.Int("customers", 100, min: 1) > 0 ? 0 : 1);
        }
    }
}
