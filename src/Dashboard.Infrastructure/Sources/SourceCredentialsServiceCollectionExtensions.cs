using Dashboard.Infrastructure.KeyRing;
using Dashboard.Infrastructure.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Sources;

public static class SourceCredentialsServiceCollectionExtensions
{
    /// <summary>Where the key ring goes when <c>DataProtection:KeysPath</c> is not set (relative to the content root).</summary>
    public const string DefaultKeysPath = "data/keys";

    /// <summary>
    /// Data Protection with its key ring in <c>DataProtection:KeysPath</c> (default data/keys under the content root;
    /// folder 0700, key files 0600, optionally encrypted: <see cref="KeyRingProtection"/>), so credentials encrypted by
    /// one run can be read by the next, and the credential protector over it.
    /// </summary>
    public static IServiceCollection AddSourceCredentials(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var keys = Path.GetFullPath(configuration["DataProtection:KeysPath"] is { Length: > 0 } configured ? configured : DefaultKeysPath, contentRoot);
        PrivateFiles.CreateFolder(keys);
        var repository = new PrivateKeyRingRepository(keys);
        services.TryAddSingleton(repository);
        var dataProtection = services.AddDataProtection().SetApplicationName("Dashboard");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = repository);
        KeyRingProtection.Apply(dataProtection, configuration);
        services.TryAddSingleton<SourceCredentialProtector>();
        return services;
    }
}
