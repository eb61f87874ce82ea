namespace Dashboard.Web.Cli;

/// <summary>The command line was wrong (unknown option, missing or malformed value): exit code 2 with usage.</summary>
public sealed class CliUsageException(string message) : Exception(message);
