using Xunit;

namespace Dashboard.Testing;

/// <summary>
/// A database server a test needs, found through an environment variable that holds its connection string.
/// Without it the test reports itself skipped with the reason: the test projects make every [Fact] and [Theory]
/// xunit's skippable kind (Xunit.SkippableFact). When the run promises the server (its require variable is 1, as
/// ./scripts/test.sh sets DASHBOARD_REQUIRE_POSTGRES) the test fails instead, so such a run cannot skip quietly.
/// </summary>
public static class RequiredServer
{
    public const string PostgresVariable = "DASHBOARD_TEST_POSTGRES";
    public const string RequirePostgresVariable = "DASHBOARD_REQUIRE_POSTGRES";

    /// <summary>
    /// The PostgreSQL server's connection string; skips (or fails, see above) the calling test without one.
    /// <paramref name="environment"/> reads the variables (the process environment unless a test passes its own).
    /// </summary>
    public static string Postgres(Func<string, string?>? environment = null) => ConnectionString(
        PostgresVariable, RequirePostgresVariable, "./scripts/test.sh starts a server", environment ?? Environment.GetEnvironmentVariable);

    /// <summary>
    /// The connection string in <paramref name="variable"/>. When it is unset: fails the calling test if
    /// <paramref name="requireVariable"/> is 1, else skips it with a reason naming <paramref name="variable"/>.
    /// </summary>
    public static string ConnectionString(string variable, string requireVariable, string howToGetOne) =>
        ConnectionString(variable, requireVariable, howToGetOne, Environment.GetEnvironmentVariable);

    /// <summary>As above, reading variables through <paramref name="environment"/> (tests pass their own).</summary>
    public static string ConnectionString(string variable, string requireVariable, string howToGetOne, Func<string, string?> environment)
    {
        var value = environment(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var reason = $"{variable} is not set; {howToGetOne}";
        if (environment(requireVariable) == "1")
        {
            throw new InvalidOperationException($"{reason}. {requireVariable}=1 says this run must not skip it.");
        }

        throw new SkipException(reason);
    }
}
