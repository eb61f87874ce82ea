using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.KeyRing;

/// <summary>
/// Optional encryption of the key ring at rest, chosen by configuration (at most one):
/// <c>DataProtection:Certificate:Path</c> (+ <c>:Password</c>), a PFX/PKCS#12 file with a private key, or
/// <c>DataProtection:KeyEncryptionKey</c>, 32 random bytes in Base64 (see <see cref="KeyEncryptionKey"/>).
/// Without either the key files are plain XML, protected only by their 0600 permissions.
/// </summary>
public static class KeyRingProtection
{
    public const string CertificatePathKey = "DataProtection:Certificate:Path";
    public const string CertificatePasswordKey = "DataProtection:Certificate:Password";

    public static void Apply(IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var certificatePath = configuration[CertificatePathKey];
        var keyText = configuration[KeyEncryptionKey.SettingKey];
        var hasCertificate = !string.IsNullOrWhiteSpace(certificatePath);
        var hasKey = !string.IsNullOrWhiteSpace(keyText);
        if (hasCertificate && hasKey)
        {
            throw new InvalidOperationException($"Set either {CertificatePathKey} or {KeyEncryptionKey.SettingKey} to protect the key ring, not both.");
        }

        if (hasCertificate)
        {
            var certificate = LoadCertificate(certificatePath!, configuration[CertificatePasswordKey]);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        else if (hasKey)
        {
            var key = KeyEncryptionKey.Parse(keyText!);
            builder.Services.AddSingleton(key);
            builder.Services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(key));
        }
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathKey}: no file at {path}.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new InvalidOperationException($"{CertificatePathKey}: {path} could not be read as a PKCS#12 file with {CertificatePasswordKey} ({exception.Message}).", exception);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{CertificatePathKey}: the certificate in {path} has no private key, so the key ring could not be read back.");
    }
}
