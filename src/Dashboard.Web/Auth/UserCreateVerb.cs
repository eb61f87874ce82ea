using Dashboard.Web.Cli;

namespace Dashboard.Web.Auth;

/// <summary>
/// <c>user create --email E --role owner|admin|viewer</c> with the password from <c>--password-stdin</c>,
/// <c>DASHBOARD_PASSWORD</c> or <c>--password P</c> (see <see cref="CliPassword"/>): creates a dashboard account. A bad
/// role, a duplicate email or a password Identity rejects prints what is wrong and exits 1 without creating anything.
/// </summary>
public sealed class UserCreateVerb : ICliVerb
{
    public string Name => "user create";

    public string Summary => "Create a dashboard account (owner, admin or viewer)";

    public string Usage => $"--email EMAIL --role owner|admin|viewer {CliPassword.Usage}";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, valueOptions: ["email", CliPassword.Option, "role"], flagOptions: [CliPassword.StdinFlag]);
        var email = parsed.Required("email");
        var role = parsed.Required("role");
        if (!DashboardRoles.IsKnown(role))
        {
            throw new CliUsageException($"Option '--role' must be one of {string.Join(", ", DashboardRoles.All)}, not '{role}'.");
        }

        var password = await CliPassword.ReadAsync(parsed, services.GetRequiredService<CliConsole>(), cancellationToken);
        var result = await services.GetRequiredService<UserAccounts>().CreateAsync(email, password, role, AccountActor.CommandLine, cancellationToken);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"Could not create the user {email}:");
            foreach (var error in result.Errors)
            {
                await output.WriteLineAsync("  " + error);
            }

            return 1;
        }

        await output.WriteLineAsync($"Created the {role} {email.Trim()}; they can sign in at /signin.");
        return 0;
    }
}
