using System.Globalization;
using Dashboard.Web.Cli;

namespace Dashboard.Web.Auth;

/// <summary><c>user list</c>: every dashboard account with its role and, when locked out, until when.</summary>
public sealed class UserListVerb : ICliVerb
{
    public string Name => "user list";

    public string Summary => "List the dashboard accounts (email, role, locked until)";

    public string Usage => string.Empty;

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        CliArguments.Parse(args);
        var users = await services.GetRequiredService<UserAccounts>().ListAsync(cancellationToken);
        if (users.Count == 0)
        {
            await output.WriteLineAsync("No accounts yet: create the owner with 'user create' or at /setup.");
            return 0;
        }

        var width = Math.Max("EMAIL".Length, users.Max(u => u.Email.Length));
        await output.WriteLineAsync($"{"EMAIL".PadRight(width)}  {"ROLE",-6}  LOCKED UNTIL");
        foreach (var user in users)
        {
            var locked = user.LockedOutUntil is { } until
                ? until.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
                : "-";
            await output.WriteLineAsync($"{user.Email.PadRight(width)}  {user.Role,-6}  {locked}");
        }

        return 0;
    }
}

/// <summary><c>user delete --email E</c>: deletes an account (never the last owner).</summary>
public sealed class UserDeleteVerb : ICliVerb
{
    public string Name => "user delete";

    public string Summary => "Delete a dashboard account (not the last owner)";

    public string Usage => "--email EMAIL";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, valueOptions: ["email"]);
        var accounts = services.GetRequiredService<UserAccounts>();
        var user = await UserByEmail.FindAsync(accounts, parsed.Required("email"), output, cancellationToken);
        if (user is null)
        {
            return 1;
        }

        var result = await accounts.DeleteAsync(user.Id, AccountActor.CommandLine, cancellationToken);
        return await UserByEmail.ReportAsync(result, output, $"Could not delete {user.Email}:", $"Deleted the {user.Role} {user.Email}.");
    }
}

/// <summary><c>user set-role --email E --role R</c>: gives an account another role (the last owner stays an owner).</summary>
public sealed class UserSetRoleVerb : ICliVerb
{
    public string Name => "user set-role";

    public string Summary => "Change a dashboard account's role (owner, admin or viewer)";

    public string Usage => "--email EMAIL --role owner|admin|viewer";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, valueOptions: ["email", "role"]);
        var email = parsed.Required("email");
        var role = parsed.Required("role");
        if (!DashboardRoles.IsKnown(role))
        {
            throw new CliUsageException($"Option '--role' must be one of {string.Join(", ", DashboardRoles.All)}, not '{role}'.");
        }

        var accounts = services.GetRequiredService<UserAccounts>();
        var user = await UserByEmail.FindAsync(accounts, email, output, cancellationToken);
        if (user is null)
        {
            return 1;
        }

        var result = await accounts.ChangeRoleAsync(user.Id, role, AccountActor.CommandLine, cancellationToken);
        return await UserByEmail.ReportAsync(result, output, $"Could not change the role of {user.Email}:", $"{user.Email} is now {(role == DashboardRoles.Admin ? "an" : "a")} {role} (was {user.Role}).");
    }
}

internal static class UserByEmail
{
    /// <summary>The account with <paramref name="email"/> (case-insensitive), or null after saying there is none.</summary>
    public static async Task<UserSummary?> FindAsync(UserAccounts accounts, string email, TextWriter output, CancellationToken cancellationToken)
    {
        var users = await accounts.ListAsync(cancellationToken);
        var user = users.FirstOrDefault(u => string.Equals(u.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));
        if (user is null)
        {
            await output.WriteLineAsync($"No account has the email {email.Trim()}; 'user list' shows them.");
        }

        return user;
    }

    public static async Task<int> ReportAsync(AccountResult result, TextWriter output, string failure, string success)
    {
        if (result.Succeeded)
        {
            await output.WriteLineAsync(success);
            return 0;
        }

        await output.WriteLineAsync(failure);
        foreach (var error in result.Errors)
        {
            await output.WriteLineAsync("  " + error);
        }

        return 1;
    }
}
