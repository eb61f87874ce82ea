using Dashboard.Web.Auth;
using Dashboard.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Cli;

public sealed class UserVerbTests : IAsyncLifetime
{
    private const string Password = "Good-pass-42";
    private CliHost host = null!;

    public async Task InitializeAsync() => host = await CliHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_password_from_standard_input_creates_the_user_without_a_warning()
    {
        host.Input(Password + "\n");

        var (code, output, error) = await host.RunAsync("user", "create", "--email", "ann@example.com", "--role", "admin", "--password-stdin");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Created the admin ann@example.com", output);
        Assert.True(await PasswordWorksAsync("ann@example.com", Password));
    }

    [Fact]
    public async Task A_password_from_the_environment_creates_the_user_without_a_warning()
    {
        host.SetEnvironment(CliPassword.EnvironmentVariable, Password);

        var (code, _, error) = await host.RunAsync("user", "create", "--email", "bob@example.com", "--role", "viewer");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.True(await PasswordWorksAsync("bob@example.com", Password));
    }

    [Fact]
    public async Task A_password_argument_still_works_for_old_scripts_with_a_warning_on_standard_error()
    {
        var (code, output, error) = await host.RunAsync("user", "create", "--email", "cy@example.com", "--password", Password, "--role", "owner");

        Assert.Equal(0, code);
        Assert.Equal(CliPassword.ArgumentWarning, error.Trim());
        Assert.DoesNotContain("Warning", output, StringComparison.Ordinal);
        Assert.True(await PasswordWorksAsync("cy@example.com", Password));
    }

    [Theory]
    [InlineData(new[] { "user", "create", "--email", "d@example.com", "--role", "admin" }, "A password is required: --password-stdin")]
    [InlineData(new[] { "user", "create", "--email", "d@example.com", "--role", "admin", "--password-stdin" }, "--password-stdin read no password")]
    [InlineData(new[] { "user", "create", "--email", "d@example.com", "--role", "admin", "--password-stdin", "--password", "x" }, "Give the password once")]
    public async Task A_missing_or_doubled_password_exits_2_and_creates_nobody(string[] args, string message)
    {
        var (code, _, error) = await host.RunAsync(args);

        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(await Accounts.ListAsync());
    }

    [Fact]
    public async Task List_shows_every_account_with_its_role_and_never_a_password()
    {
        await CreateAsync("owner@example.com", DashboardRoles.Owner);
        await CreateAsync("viewer@example.com", DashboardRoles.Viewer);

        var (code, output, _) = await host.RunAsync("user", "list");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("EMAIL", lines[0], StringComparison.Ordinal);
        Assert.Equal(["owner@example.com owner -", "viewer@example.com viewer -"], lines[1..].Select(Squeeze));
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_role_changes_the_role_and_refuses_to_demote_the_last_owner()
    {
        await CreateAsync("owner@example.com", DashboardRoles.Owner);
        await CreateAsync("eve@example.com", DashboardRoles.Viewer);

        var (code, output, _) = await host.RunAsync("user", "set-role", "--email", "EVE@example.com", "--role", "admin");
        Assert.Equal(0, code);
        Assert.Contains("eve@example.com is now an admin (was viewer).", output);
        Assert.Equal(DashboardRoles.Admin, (await Accounts.ListAsync()).Single(u => u.Email == "eve@example.com").Role);

        (code, output, _) = await host.RunAsync("user", "set-role", "--email", "owner@example.com", "--role", "viewer");
        Assert.Equal(1, code);
        Assert.Contains("is the last owner", output);
        Assert.Equal(DashboardRoles.Owner, (await Accounts.ListAsync()).Single(u => u.Email == "owner@example.com").Role);

        (code, _, var error) = await host.RunAsync("user", "set-role", "--email", "eve@example.com", "--role", "root");
        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains("Option '--role' must be one of owner, admin, viewer, not 'root'.", error);
    }

    [Fact]
    public async Task Delete_removes_the_account_and_refuses_the_last_owner_and_unknown_emails()
    {
        await CreateAsync("owner@example.com", DashboardRoles.Owner);
        await CreateAsync("eve@example.com", DashboardRoles.Admin);

        var (code, output, _) = await host.RunAsync("user", "delete", "--email", "eve@example.com");
        Assert.Equal(0, code);
        Assert.Contains("Deleted the admin eve@example.com.", output);

        (code, output, _) = await host.RunAsync("user", "delete", "--email", "owner@example.com");
        Assert.Equal(1, code);
        Assert.Contains("is the last owner and cannot be deleted", output);

        (code, output, _) = await host.RunAsync("user", "delete", "--email", "nobody@example.com");
        Assert.Equal(1, code);
        Assert.Contains("No account has the email nobody@example.com", output);

        Assert.Equal(["owner@example.com"], (await Accounts.ListAsync()).Select(u => u.Email));
    }

    private UserAccounts Accounts => host.Services.GetRequiredService<UserAccounts>();

    private async Task CreateAsync(string email, string role)
    {
        var result = await Accounts.CreateAsync(email, Password, role, AccountActor.CommandLine);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    private async Task<bool> PasswordWorksAsync(string email, string password)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is not null && await users.CheckPasswordAsync(user, password);
    }

    private static string Squeeze(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
