using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Infrastructure.Sources;

/// <summary>
/// Encrypts connector credentials for <see cref="Core.Billing.Source.ProtectedCredentials"/> with ASP.NET Core Data
/// Protection (keys persisted in the data directory), so API keys are never stored, logged or shown in clear text.
/// </summary>
public sealed class SourceCredentialProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Dashboard.Sources.Credentials.v1");

    public string Protect<T>(T credentials) => protector.Protect(JsonSerializer.Serialize(credentials));

    public T Unprotect<T>(string protectedCredentials) =>
        JsonSerializer.Deserialize<T>(protector.Unprotect(protectedCredentials))
        ?? throw new InvalidOperationException("The source's credentials are empty.");
}
