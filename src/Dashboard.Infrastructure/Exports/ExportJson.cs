using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Exports;
using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Infrastructure.Exports;

/// <summary>
/// An export's definition as stored JSON. Webhook secrets are encrypted with Data Protection before they are written, so
/// the database never holds them in clear text.
/// </summary>
public sealed class ExportJson(IDataProtectionProvider provider)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly IDataProtector protector = provider.CreateProtector("Dashboard.Exports.WebhookSecrets.v1");

    public string Write(ExportDefinition definition) => JsonSerializer.Serialize(
        definition with { Deliveries = definition.Deliveries.Select(d => d.Secret is null ? d : d with { Secret = protector.Protect(d.Secret) }).ToList() },
        Options);

    public ExportDefinition Read(string json)
    {
        var stored = JsonSerializer.Deserialize<ExportDefinition>(json, Options) ?? throw new InvalidOperationException("An export's definition is empty.");
        return stored with { Deliveries = stored.Deliveries.Select(d => d.Secret is null ? d : d with { Secret = protector.Unprotect(d.Secret) }).ToList() };
    }
}
