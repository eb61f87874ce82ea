using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Auth;

public sealed class UserCreateVerbTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        services = AccountServices.Build(database);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Creates_a_user_with_the_role_and_exits_0()
    {
        var (code, output, error) = await RunAsync("user", "create", "--email", "ann@example.com", "--password", "Good-pass-42", "--role", "viewer");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Created the viewer ann@example.com", output);
        var user = Assert.Single(await services.GetRequiredService<UserAccounts>().ListAsync());
        Assert.Equal(("ann@example.com", DashboardRoles.Viewer), (user.Email, user.Role));
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_with_exit_1()
    {
        await RunAsync("user", "create", "--email", "ann@example.com", "--password", "Good-pass-42", "--role", "owner");

        var (code, output, _) = await RunAsync("user", "create", "--email", "ANN@example.com", "--password", "Other-pass-42", "--role", "admin");

        Assert.Equal(1, code);
        Assert.Contains("A user with the email ANN@example.com already exists.", output);
        Assert.Equal(DashboardRoles.Owner, Assert.Single(await services.GetRequiredService<UserAccounts>().ListAsync()).Role);
    }

    [Fact]
    public async Task A_bad_role_exits_2_with_the_known_roles_and_usage()
    {
        var (code, _, error) = await RunAsync("user", "create", "--email", "ann@example.com", "--password", "Good-pass-42", "--role", "superuser");

        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains("Option '--role' must be one of owner, admin, viewer, not 'superuser'.", error);
        Assert.Contains("Usage: user create --email EMAIL --role owner|admin|viewer --password-stdin | --password PASSWORD", error);
        Assert.Empty(await services.GetRequiredService<UserAccounts>().ListAsync());
    }

    [Fact]
    public async Task A_weak_password_lists_what_is_missing_and_exits_1()
    {
        var (code, output, _) = await RunAsync("user", "create", "--email", "ann@example.com", "--password", "short", "--role", "admin");

        Assert.Equal(1, code);
        Assert.Contains("Could not create the user ann@example.com:", output);
        Assert.Contains("Passwords must be at least 8 characters.", output);
        Assert.Contains("Passwords must have at least one digit ('0'-'9').", output);
        Assert.Contains("Passwords must have at least one uppercase ('A'-'Z').", output);
        Assert.Empty(await services.GetRequiredService<UserAccounts>().ListAsync());
    }

    [Fact]
    public async Task Missing_options_exit_2()
    {
        var (code, _, error) = await RunAsync("user", "create", "--email", "ann@example.com", "--role", "admin");

        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains("A password is required: --password-stdin | --password PASSWORD (or the DASHBOARD_PASSWORD environment variable).", error);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await services.GetRequiredService<CliDispatcher>().RunAsync(args, services, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
