using System.Security.Cryptography;

namespace Dashboard.Infrastructure.KeyRing;

/// <summary>
/// The 256-bit key that encrypts every Data Protection key before it is written to disk, given as Base64 in
/// <c>DataProtection:KeyEncryptionKey</c> (meant to come from the environment, <c>DataProtection__KeyEncryptionKey</c>,
/// not from a file beside the key ring). <see cref="Id"/> names it in the encrypted files without revealing it.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string SettingKey = "DataProtection:KeyEncryptionKey";

    private const int KeyBytes = 32;

    private KeyEncryptionKey(byte[] key)
    {
        Key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    public byte[] Key { get; }

    public string Id { get; }

    /// <summary>Reads the Base64 text of a 32-byte key; anything else is refused naming the setting.</summary>
    public static KeyEncryptionKey Parse(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{SettingKey} is not Base64; make one with `openssl rand -base64 32`.");
        }

        return key.Length == KeyBytes
            ? new KeyEncryptionKey(key)
            : throw new InvalidOperationException($"{SettingKey} must be {KeyBytes} bytes (Base64 of 32 random bytes), not {key.Length}; make one with `openssl rand -base64 32`.");
    }
}
