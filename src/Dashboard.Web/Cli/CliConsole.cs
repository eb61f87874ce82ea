namespace Dashboard.Web.Cli;

/// <summary>
/// The process's standard input, standard error and environment, for verbs that read a secret (a password piped in
/// or in an environment variable) or warn without touching standard output, whose last line scripts may read.
/// Tests register their own.
/// </summary>
public sealed class CliConsole(TextReader input, TextWriter error, Func<string, string?> environment)
{
    public static CliConsole FromProcess() => new(Console.In, Console.Error, Environment.GetEnvironmentVariable);

    public TextReader Input { get; } = input;

    public TextWriter Error { get; } = error;

    public string? Variable(string name) => environment(name);
}
