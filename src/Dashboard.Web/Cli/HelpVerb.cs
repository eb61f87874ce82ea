namespace Dashboard.Web.Cli;

/// <summary><c>help</c> lists the commands; <c>help &lt;command&gt;</c> shows one command's usage.</summary>
public sealed class HelpVerb : ICliVerb
{
    public string Name => "help";

    public string Summary => "List the commands, or show one command's options";

    public string Usage => "[<command>]";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, maxPositionals: 2);
        var dispatcher = services.GetRequiredService<CliDispatcher>();
        if (parsed.Positionals.Count == 0)
        {
            await dispatcher.WriteUsageAsync(output);
            return 0;
        }

        var name = string.Join(' ', parsed.Positionals);
        var verb = dispatcher.FindByName(name)
            ?? throw new CliUsageException($"Unknown command '{name}'. Run 'help' for the list.");
        await output.WriteLineAsync($"Usage: Dashboard.Web {CliDispatcher.Describe(verb)}");
        await output.WriteLineAsync(verb.Summary);
        return 0;
    }
}
