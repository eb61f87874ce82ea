using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.KeyRing;

/// <summary>Encrypts a key ring element with the <see cref="KeyEncryptionKey"/> (AES-256-GCM, a fresh nonce per element).</summary>
public sealed class KeyEncryptionKeyXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    internal const string ElementName = "encryptedWithKeyEncryptionKey";
    internal const int NonceBytes = 12;
    internal const int TagBytes = 16;
    internal static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes("Dashboard key ring");

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), AssociatedData);
        }

        var element = new XElement(ElementName, new XAttribute("keyId", key.Id), new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(KeyEncryptionKeyXmlDecryptor));
    }
}

/// <summary>Decrypts what <see cref="KeyEncryptionKeyXmlEncryptor"/> wrote; needs the same key configured.</summary>
public sealed class KeyEncryptionKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetService<KeyEncryptionKey>() ?? throw new InvalidOperationException(
            $"The key ring is encrypted with a key encryption key, but {KeyEncryptionKey.SettingKey} is not set.");
        if ((string?)encryptedElement.Attribute("keyId") != key.Id)
        {
            throw new InvalidOperationException(
                $"A key ring entry was encrypted with a different {KeyEncryptionKey.SettingKey} (id {(string?)encryptedElement.Attribute("keyId")}, configured {key.Id}).");
        }

        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? string.Empty);
        const int header = KeyEncryptionKeyXmlEncryptor.NonceBytes + KeyEncryptionKeyXmlEncryptor.TagBytes;
        if (sealedBytes.Length < header)
        {
            throw new CryptographicException("A key ring entry is truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - header];
        using (var aes = new AesGcm(key.Key, KeyEncryptionKeyXmlEncryptor.TagBytes))
        {
            aes.Decrypt(
                sealedBytes.AsSpan(0, KeyEncryptionKeyXmlEncryptor.NonceBytes),
                sealedBytes.AsSpan(header),
                sealedBytes.AsSpan(KeyEncryptionKeyXmlEncryptor.NonceBytes, KeyEncryptionKeyXmlEncryptor.TagBytes),
                plaintext,
                KeyEncryptionKeyXmlEncryptor.AssociatedData);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
