using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Sources;

public static class SourceCredentialsServiceCollectionExtensions
{
    /// <summary>Where the key ring goes when <c>DataProtection:KeysPath</c> is not set (relative to the content root).</summary>
    public const string DefaultKeysPath = "data/keys";

    /// <summary>
    /// Data Protection with its key ring in <c>DataProtection:KeysPath</c> (default data/keys under the content root),
    /// so credentials encrypted by one run can be read by the next, and the credential protector over it.
    /// </summary>
    public static IServiceCollection AddSourceCredentials(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var keys = Path.GetFullPath(configuration["DataProtection:KeysPath"] is { Length: > 0 } configured ? configured : DefaultKeysPath, contentRoot);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            // Only the app's own user may read the key ring.
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        services.AddDataProtection()
            .SetApplicationName("Dashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.TryAddSingleton<SourceCredentialProtector>();
        return services;
    }
}
