using System.Globalization;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Api.Keys;

/// <summary><c>apikey list</c>: every key's id, name, scope, creation, last use and status; never the key itself.</summary>
public sealed class ApiKeyListVerb : ICliVerb
{
    public string Name => "apikey list";

    public string Summary => "List the REST API keys (id, name, scope, created, last used, status; never the key)";

    public string Usage => string.Empty;

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        CliArguments.Parse(args);
        var keys = await services.GetRequiredService<ApiKeyService>().ListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            await output.WriteLineAsync("No API keys yet: create one with 'apikey create --name NAME'.");
            return 0;
        }

        var idWidth = Math.Max(2, keys.Max(k => Id(k).Length));
        var nameWidth = Math.Max(4, keys.Max(k => k.Name.Length));
        await output.WriteLineAsync($"{"ID".PadLeft(idWidth)}  {"NAME".PadRight(nameWidth)}  {"SCOPE",-10}  {"CREATED",-20}  {"LAST USED",-20}  STATUS");
        foreach (var key in keys)
        {
            var status = key.RevokedAt is { } revoked ? "revoked " + When(revoked) : "active";
            await output.WriteLineAsync(
                $"{Id(key).PadLeft(idWidth)}  {key.Name.PadRight(nameWidth)}  {ApiKeyScopes.Label(key.Scope),-10}  {When(key.CreatedAt),-20}  {(key.LastUsedAt is { } used ? When(used) : "never"),-20}  {status}");
        }

        return 0;
    }

    private static string Id(ApiKeyInfo key) => key.Id.ToString(CultureInfo.InvariantCulture);

    internal static string When(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>
/// <c>apikey revoke --name NAME | --id ID</c>: revokes a key; calls with it get 401 (at once in this process, within
/// seconds in a running server, which caches a valid key for 10 seconds). A name shared by several active keys is
/// refused: say which with --id.
/// </summary>
public sealed class ApiKeyRevokeVerb : ICliVerb
{
    public string Name => "apikey revoke";

    public string Summary => "Revoke a REST API key by name or id";

    public string Usage => "--name NAME | --id ID";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args, valueOptions: ["name", "id"]);
        var name = parsed.Optional("name");
        var idText = parsed.Optional("id");
        if ((name is null) == (idText is null))
        {
            throw new CliUsageException("Say which key to revoke: --name NAME or --id ID (one of them).");
        }

        var keys = services.GetRequiredService<ApiKeyService>();
        var all = await keys.ListAsync(cancellationToken);
        ApiKeyInfo? key;
        if (idText is not null)
        {
            if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new CliUsageException($"Option '--id' must be a key id (a whole number), not '{idText}'.");
            }

            key = all.FirstOrDefault(k => k.Id == id);
            if (key is null)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"No API key has the id {id}; 'apikey list' shows them."));
                return 1;
            }
        }
        else
        {
            var named = all.Where(k => !k.IsRevoked && string.Equals(k.Name, name!.Trim(), StringComparison.Ordinal)).ToList();
            if (named.Count != 1)
            {
                await output.WriteLineAsync(named.Count == 0
                    ? $"No active API key is named '{name!.Trim()}'; 'apikey list' shows them."
                    : $"{named.Count} active API keys are named '{name!.Trim()}' (ids {string.Join(", ", named.Select(k => k.Id.ToString(CultureInfo.InvariantCulture)))}); revoke one with --id.");
                return 1;
            }

            key = named[0];
        }

        if (key.IsRevoked)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"API key '{key.Name}' (id {key.Id}) was already revoked {ApiKeyListVerb.When(key.RevokedAt!.Value)}."));
            return 0;
        }

        await keys.RevokeAsync(key.Id, cancellationToken);
        await services.GetRequiredService<IAuditLog>().RecordAsync(AuditActor.CommandLine, AuditActions.ApiKeyRevoked, $"{key.Name} ({key.Prefix})", cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Revoked API key '{key.Name}' (id {key.Id}, prefix {key.Prefix}); calls with it get 401."));
        return 0;
    }
}
