using Dashboard.Testing;

namespace Dashboard.Infrastructure.Tests.Testing;

/// <summary>How a test that needs a database server behaves without one: skipped with the reason, or failed when the run requires it.</summary>
public sealed class RequiredServerTests
{
    private const string Server = "DASHBOARD_TEST_EXAMPLE";
    private const string Require = "DASHBOARD_REQUIRE_EXAMPLE";
    private const string Hint = "start one first";

    [Fact]
    public void A_set_variable_gives_its_connection_string()
    {
        var environment = new Dictionary<string, string?> { [Server] = "Host=db;Port=5432", [Require] = "1" };

        Assert.Equal("Host=db;Port=5432", RequiredServer.ConnectionString(Server, Require, Hint, name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Without_the_variable_the_test_is_skipped_with_a_reason_naming_it(string? value)
    {
        var environment = new Dictionary<string, string?> { [Server] = value };

        var skip = Assert.Throws<SkipException>(() => RequiredServer.ConnectionString(Server, Require, Hint, name => environment.GetValueOrDefault(name)));

        Assert.Equal("DASHBOARD_TEST_EXAMPLE is not set; start one first", skip.Message);
    }

    [Fact]
    public void Without_the_variable_a_run_that_requires_the_server_fails_instead_of_skipping()
    {
        var environment = new Dictionary<string, string?> { [Require] = "1" };

        var error = Assert.Throws<InvalidOperationException>(() => RequiredServer.ConnectionString(Server, Require, Hint, name => environment.GetValueOrDefault(name)));

        Assert.Contains("DASHBOARD_TEST_EXAMPLE is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("DASHBOARD_REQUIRE_EXAMPLE=1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_postgres_tests_name_their_variable_and_the_test_script_and_fail_only_when_required()
    {
        var skip = Assert.Throws<SkipException>(() => RequiredServer.Postgres(_ => null));
        Assert.Equal("DASHBOARD_TEST_POSTGRES is not set; ./scripts/test.sh starts a server", skip.Message);

        var required = new Dictionary<string, string?> { ["DASHBOARD_REQUIRE_POSTGRES"] = "1" };
        Assert.Throws<InvalidOperationException>(() => RequiredServer.Postgres(name => required.GetValueOrDefault(name)));

        var set = new Dictionary<string, string?> { ["DASHBOARD_TEST_POSTGRES"] = "Host=127.0.0.1" };
        Assert.Equal("Host=127.0.0.1", RequiredServer.Postgres(name => set.GetValueOrDefault(name)));
    }
}
