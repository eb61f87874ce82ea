namespace Dashboard.Web.Cli;

/// <summary>
/// Finds the verb named by the first one or two arguments among the registered <see cref="ICliVerb"/>s and runs it.
/// Exit codes: the verb's own (0 = success), 2 for an unknown verb or bad arguments (usage is printed).
/// </summary>
public sealed class CliDispatcher(IEnumerable<ICliVerb> verbs)
{
    public const int UsageExitCode = 2;

    private readonly IReadOnlyList<ICliVerb> verbs = verbs.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<ICliVerb> Verbs => verbs;

    /// <summary>True when the command line asks for a verb rather than the web server (whose options start with '-').</summary>
    public static bool IsVerbInvocation(IReadOnlyList<string> args) =>
        args.Count > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h");

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (args.Length > 0 && args[0] is "--help" or "-h")
        {
            args = ["help", .. args[1..]];
        }

        var (verb, rest) = Find(args);
        if (verb is null)
        {
            var name = args.Length == 0 ? string.Empty : args[0];
            await error.WriteLineAsync($"Unknown command '{name}'.");
            await error.WriteLineAsync();
            await WriteUsageAsync(error);
            return UsageExitCode;
        }

        try
        {
            return await verb.RunAsync(rest, services, output, cancellationToken);
        }
        catch (CliUsageException exception)
        {
            await error.WriteLineAsync(exception.Message);
            await error.WriteLineAsync($"Usage: {Describe(verb)}");
            return UsageExitCode;
        }
    }

    public ICliVerb? FindByName(string name) =>
        verbs.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));

    public async Task WriteUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("Usage: Dashboard.Web [<command> [options]]");
        await writer.WriteLineAsync("Without a command the web server starts (ASP.NET Core options such as --urls apply).");
        await writer.WriteLineAsync();
        await writer.WriteLineAsync("Commands:");
        var width = verbs.Count == 0 ? 0 : verbs.Max(v => v.Name.Length);
        foreach (var verb in verbs)
        {
            await writer.WriteLineAsync($"  {verb.Name.PadRight(width)}  {verb.Summary}");
        }

        await writer.WriteLineAsync();
        await writer.WriteLineAsync("Run 'help <command>' for a command's options.");
    }

    public static string Describe(ICliVerb verb) =>
        string.IsNullOrWhiteSpace(verb.Usage) ? verb.Name : verb.Name + " " + verb.Usage;

    private (ICliVerb? Verb, string[] Remaining) Find(string[] args)
    {
        if (args.Length >= 2 && FindByName(args[0] + " " + args[1]) is { } twoWords)
        {
            return (twoWords, args[2..]);
        }

        if (args.Length >= 1 && FindByName(args[0]) is { } oneWord)
        {
            return (oneWord, args[1..]);
        }

        return (null, args);
    }
}
