using System.Globalization;

namespace Dashboard.Web.Api.Keys;

/// <summary>
/// <c>apikey create --name NAME [--read-only]</c>: creates a REST API key and prints it alone on the last line (the only
/// time it is shown; the store keeps a hash).
/// </summary>
public sealed class ApiKeyCreateVerb
{
    public string Name => "apikey create";

    public string Summary => "Create a REST API key and print it (shown once)";

    public string Usage => "--name NAME [--read-only]";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        string? name = null;
        var readOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--read-only")
            {
                readOnly = true;
            }
            else if (arg == "--name" && i + 1 < args.Length)
            {
                name = args[++i];
            }
            else if (arg.StartsWith("--name=", StringComparison.Ordinal))
            {
                name = arg["--name=".Length..];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{arg}'. Usage: {Name} {Usage}");
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"--name is required. Usage: {Name} {Usage}");
        }

        var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(name, readOnly, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Created {(readOnly ? "read-only" : "read-write")} API key '{created.Key.Name}' (id {created.Key.Id}, prefix {created.Key.Prefix}). It is shown only now:"));
        await output.WriteLineAsync(created.Secret);
        return 0;
    }
}
