using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Api.Keys;

/// <summary>
/// <c>apikey create --name NAME [--read-only|--admin]</c>: creates a REST API key (read-write unless a flag says
/// otherwise) and prints it alone on the last line (the only time it is shown; the store keeps a hash).
/// </summary>
public sealed class ApiKeyCreateVerb : ICliVerb
{
    public string Name => "apikey create";

    public string Summary => "Create a REST API key and print it (shown once, on the last line)";

    public string Usage => "--name NAME [--read-only|--admin]";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, valueOptions: ["name"], flagOptions: ["read-only", "admin"]);
        var name = parsed.Required("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CliUsageException("--name must not be empty.");
        }

        var scope = (parsed.Flag("read-only"), parsed.Flag("admin")) switch
        {
            (true, true) => throw new CliUsageException("A key is either --read-only or --admin, not both."),
            (true, false) => ApiKeyScope.ReadOnly,
            (false, true) => ApiKeyScope.Admin,
            _ => ApiKeyScope.ReadWrite,
        };
        var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(name, scope, cancellationToken);
        await services.GetRequiredService<IAuditLog>().RecordAsync(AuditActor.CommandLine, AuditActions.ApiKeyCreated,
            $"{created.Key.Name} ({created.Key.Prefix}, {ApiKeyScopes.Label(scope)})", cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Created {ApiKeyScopes.Label(scope)} API key '{created.Key.Name}' (id {created.Key.Id}, prefix {created.Key.Prefix}). It is shown only now:"));
        await output.WriteLineAsync(created.Secret);
        return 0;
    }
}
