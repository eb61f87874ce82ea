using System.Globalization;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Sources;

/// <summary>
/// <c>source add PROVIDER --name N ...</c>: connects a source of any registered connector, with the options its
/// descriptor's fields name (<c>source add stripe --name N --api-key KEY ...</c>, <c>source add braintree --name N
/// --merchant-id M --public-key P --private-key-stdin ...</c>). A secret may be read from standard input with
/// <c>--{field}-stdin</c> (one line per such option, in the fields' order); a field marked stdin-only takes no argument.
/// Secrets are stored encrypted and never printed; the new source's id is the last line.
/// </summary>
public sealed class SourceAddVerb(IServiceProvider services) : ICliVerb
{
    public string Name => "source add";

    public string Summary => $"Connect a billing source ({string.Join(", ", Registry().Names)}); prints the new source id";

    public string Usage => string.Join(" | ", Registry().All.Select(c => Describe(c.Descriptor)));

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<ConnectorRegistry>();
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) || registry.Find(args[0]) is not { } connector)
        {
            var given = args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) ? string.Empty : $" '{args[0]}' is not one.";
            throw new CliUsageException($"Name the provider first: 'source add {string.Join("|", registry.Names)} --name N ...'.{given}");
        }

        var descriptor = connector.Descriptor;
        var options = CliArguments.Parse(args[1..], ValueOptions(descriptor), StdinFlags(descriptor));
        var setup = new ConnectorSetup(options.Optional(ConnectorValidation.NameKey), await ReadValuesAsync(descriptor, options, services.GetRequiredService<CliConsole>(), cancellationToken));
        if (ConnectorValidation.Validate(descriptor, setup) is { Count: > 0 } problems)
        {
            throw new CliUsageException(string.Join(Environment.NewLine, problems.Select(p => $"Option '--{OptionOf(descriptor, p.Key)}' ({p.Label}): {p.Message}")));
        }

        Core.Billing.Source source;
        try
        {
            source = await connector.AddAsync(setup, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        var id = source.Id.ToString(CultureInfo.InvariantCulture);
        await services.GetRequiredService<IAuditLog>().RecordAsync(AuditActor.CommandLine, AuditActions.SourceAdded,
            $"{AuditActor.Source(source.Id)} '{source.Name}' ({descriptor.Name})", cancellationToken);
        await output.WriteLineAsync($"Connected {descriptor.DisplayName} source '{source.Name}'. Run `source sync {id}` to import it; webhooks go to {descriptor.WebhookPath(source.Id)}.");
        await output.WriteLineAsync(id);
        return 0;
    }

    /// <summary>One provider's synopsis, from its fields: required ones bare, optional ones in brackets.</summary>
    public static string Describe(ConnectorDescriptor descriptor)
    {
        var parts = new List<string> { descriptor.Name, "--name N" };
        foreach (var field in descriptor.Fields)
        {
            var value = field.Kind switch
            {
                CredentialFieldKind.Url => "URL",
                CredentialFieldKind.Choice => string.Join("|", field.Choices),
                _ => field.Key.Replace('-', '_').ToUpperInvariant(),
            };
            var text = field.StdinOnly ? $"--{field.StdinFlag}"
                : field.IsSecret ? $"--{field.Key} {value}|--{field.StdinFlag}"
                : $"--{field.Key} {value}";
            parts.Add(field.Required ? text : $"[{text}]");
        }

        return string.Join(' ', parts);
    }

    private static List<string> ValueOptions(ConnectorDescriptor descriptor) =>
        [ConnectorValidation.NameKey, .. descriptor.Fields.Where(f => !f.StdinOnly).Select(f => f.Key)];

    private static List<string> StdinFlags(ConnectorDescriptor descriptor) =>
        descriptor.Fields.Where(f => f.IsSecret).Select(f => f.StdinFlag).ToList();

    private static string OptionOf(ConnectorDescriptor descriptor, string key) =>
        descriptor.Field(key) is { StdinOnly: true } field ? field.StdinFlag : key;

    private static async Task<Dictionary<string, string?>> ReadValuesAsync(
        ConnectorDescriptor descriptor, CliArguments options, CliConsole console, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in descriptor.Fields)
        {
            if (!field.IsSecret || !options.Flag(field.StdinFlag))
            {
                values[field.Key] = options.Optional(field.Key);
                continue;
            }

            if (options.Optional(field.Key) is not null)
            {
                throw new CliUsageException($"Give {field.Label} once: --{field.StdinFlag} or --{field.Key}, not both.");
            }

            var line = await console.Input.ReadLineAsync(cancellationToken);
            values[field.Key] = string.IsNullOrWhiteSpace(line)
                ? throw new CliUsageException($"Option '--{field.StdinFlag}' ({field.Label}) read nothing: standard input had no line for it.")
                : line;
        }

        return values;
    }

    private ConnectorRegistry Registry() => services.GetRequiredService<ConnectorRegistry>();
}
