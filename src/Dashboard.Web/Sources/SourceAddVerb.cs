using System.Globalization;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Sources;

/// <summary>
/// <c>source add stripe --name N --api-key KEY [--api-base URL] [--webhook-secret S]</c>: connects a Stripe account.
/// The key and secret are stored encrypted and never printed; the new source's id is the last line.
/// </summary>
public sealed class SourceAddVerb : ICliVerb
{
    public string Name => "source add";

    public string Summary => "Connect a billing source (stripe); prints the new source id";

    public string Usage => "stripe --name N --api-key KEY [--api-base URL] [--webhook-secret S]";

    public async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var options = CliArguments.Parse(args, ["name", "api-key", "api-base", "webhook-secret"], maxPositionals: 1);
        if (options.Positionals is not ["stripe"])
        {
            throw new CliUsageException("Name the provider: 'source add stripe ...' (the only one that syncs from an API here).");
        }

        var name = options.Required("name");
        var key = options.Required("api-key");
        Uri? apiBase = null;
        if (options.Optional("api-base") is { } text && !Uri.TryCreate(text, UriKind.Absolute, out apiBase))
        {
            throw new CliUsageException($"Option '--api-base' must be an absolute URL, not '{text}'.");
        }

        var registrar = services.GetRequiredService<StripeSourceRegistrar>();
        var source = await registrar.AddAsync(name, key, apiBase, options.Optional("webhook-secret"), cancellationToken);
        await services.GetRequiredService<IAuditLog>().RecordAsync(AuditActor.CommandLine, AuditActions.SourceAdded,
            $"{AuditActor.Source(source.Id)} '{source.Name}' (stripe)", cancellationToken);
        await output.WriteLineAsync($"Connected Stripe source '{source.Name}'. Run `source sync {source.Id.ToString(CultureInfo.InvariantCulture)}` to import it; webhooks go to /webhooks/stripe/{source.Id.ToString(CultureInfo.InvariantCulture)}.");
        await output.WriteLineAsync(source.Id.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
