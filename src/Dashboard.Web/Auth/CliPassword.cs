using Dashboard.Web.Cli;

namespace Dashboard.Web.Auth;

/// <summary>
/// Where a verb takes a password from, safest first: <c>--password-stdin</c> (the first line of standard input), the
/// <see cref="EnvironmentVariable"/> environment variable, or <c>--password P</c>, which still works for existing scripts
/// but warns on standard error: an argument shows in the process list and the shell history.
/// </summary>
public static class CliPassword
{
    public const string EnvironmentVariable = "DASHBOARD_PASSWORD";
    public const string StdinFlag = "password-stdin";
    public const string Option = "password";
    public const string Usage = "--password-stdin | --password PASSWORD (or the DASHBOARD_PASSWORD environment variable)";

    public const string ArgumentWarning =
        "Warning: a password given with --password is visible in the process list and the shell history; " +
        "pipe it in with --password-stdin or set DASHBOARD_PASSWORD instead.";

    public static async Task<string> ReadAsync(CliArguments parsed, CliConsole console, CancellationToken cancellationToken)
    {
        var argument = parsed.Optional(Option);
        var fromStdin = parsed.Flag(StdinFlag);
        if (argument is not null && fromStdin)
        {
            throw new CliUsageException("Give the password once: --password-stdin or --password, not both.");
        }

        if (fromStdin)
        {
            var line = await console.Input.ReadLineAsync(cancellationToken);
            return string.IsNullOrEmpty(line)
                ? throw new CliUsageException("--password-stdin read no password: standard input was empty.")
                : line;
        }

        if (argument is not null)
        {
            if (string.IsNullOrEmpty(argument))
            {
                throw new CliUsageException($"Option '--{Option}' must not be empty.");
            }

            await console.Error.WriteLineAsync(ArgumentWarning);
            return argument;
        }

        return console.Variable(EnvironmentVariable) is { Length: > 0 } variable
            ? variable
            : throw new CliUsageException($"A password is required: {Usage}.");
    }
}
