using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Infrastructure.Exports;

/// <summary>
/// The webhook delivery's signature: <c>X-Dashboard-Timestamp</c> carries the unix seconds of the send and
/// <c>X-Dashboard-Signature</c> reads <c>v1=</c> and the lower-case hex HMAC-SHA256, keyed with the webhook's secret
/// (UTF-8), of the timestamp, a full stop and the raw body bytes. A receiver recomputes it, compares in constant time
/// and refuses timestamps too far from its clock.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Dashboard-Timestamp";
    public const string SignatureHeader = "X-Dashboard-Signature";
    public const string Version = "v1";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Version + "=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>True when <paramref name="signature"/> is the signature of the timestamp and body with the secret.</summary>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && signature is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, seconds, body)), Encoding.ASCII.GetBytes(signature));
}
