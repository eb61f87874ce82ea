using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Infrastructure.Sources.Braintree.Webhooks;

/// <summary>
/// Braintree's webhook signature. A notification is posted as two form fields: <c>bt_payload</c> (base64 of the
/// notification's XML, possibly with line breaks) and <c>bt_signature</c>, one or more <c>public_key|signature</c>
/// pairs separated by '&amp;', each signature the hex HMAC-SHA1 of the payload as received, keyed with the SHA-1
/// digest of that public key's private key. A delivery is valid when the pair of the source's public key holds.
/// </summary>
public static class BraintreeWebhookSignature
{
    public static bool IsValid(string? signature, string? payload, string publicKey, string privateKey)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(payload) || string.IsNullOrEmpty(publicKey)
            || string.IsNullOrEmpty(privateKey) || !IsPayloadText(payload))
        {
            return false;
        }

        var expected = Compute(payload, privateKey);
        var valid = false;
        foreach (var pair in signature.Split('&'))
        {
            var parts = pair.Split('|');
            if (parts.Length == 2 && string.Equals(parts[0].Trim(), publicKey, StringComparison.Ordinal) && TryHex(parts[1].Trim(), out var given))
            {
                valid |= CryptographicOperations.FixedTimeEquals(expected, given);
            }
        }

        return valid;
    }

    /// <summary>The <c>bt_signature</c> Braintree would send for <paramref name="payload"/> (tests and the fake gateway).</summary>
    public static string Sign(string payload, string publicKey, string privateKey) =>
        $"{publicKey}|{Convert.ToHexStringLower(Compute(payload, privateKey))}";

    private static byte[] Compute(string payload, string privateKey) =>
        HMACSHA1.HashData(SHA1.HashData(Encoding.UTF8.GetBytes(privateKey)), Encoding.UTF8.GetBytes(payload));

    /// <summary>Base64 with line breaks: anything else is refused before a signature is computed over it.</summary>
    private static bool IsPayloadText(string payload) =>
        payload.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '\n' or '\r');

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length != 40 || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(text);
        return true;
    }
}
