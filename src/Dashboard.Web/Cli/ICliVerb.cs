namespace Dashboard.Web.Cli;

/// <summary>
/// One command-line verb: <c>Dashboard.Web &lt;verb&gt; [options]</c> runs it against the configured store and exits
/// instead of starting the server. A verb's name may have two words ("apikey create"). Register implementations with
/// <see cref="CliServiceCollectionExtensions.AddCliVerb{TVerb}"/>; <see cref="CliDispatcher"/> finds them in DI.
/// </summary>
public interface ICliVerb
{
    /// <summary>What the user types, e.g. "seed-demo" or "apikey create".</summary>
    string Name { get; }

    /// <summary>One line for the verb list, e.g. "Fill the store with demo data".</summary>
    string Summary { get; }

    /// <summary>The options, e.g. "--customers N [--seed N]"; shown after the name in help and usage errors.</summary>
    string Usage { get; }

    /// <summary>
    /// Runs the verb. <paramref name="args"/> are the arguments after the verb's name. Returns the process exit code
    /// (0 on success). Throw <see cref="CliUsageException"/> for bad arguments: the dispatcher prints it with the
    /// verb's usage and exits 2.
    /// </summary>
    Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken);
}
