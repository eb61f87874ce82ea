using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Infrastructure.Sources.Stripe.Webhooks;

/// <summary>
/// Stripe's webhook signature: the Stripe-Signature header carries <c>t=timestamp</c> and one or more
/// <c>v1=hex</c>, each an HMAC-SHA256 of "{t}.{payload}" with the endpoint's secret.
/// </summary>
public static class StripeWebhookSignature
{
    public static bool IsValid(string payload, string? header, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(secret))
        {
            return false;
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            var (key, value) = (pair[0].Trim(), pair[1].Trim());
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1" && TryHex(value, out var bytes))
            {
                signatures.Add(bytes);
            }
        }

        if (timestamp is not { } seconds || signatures.Count == 0)
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Compute(payload, seconds, secret);
        var valid = false;
        foreach (var signature in signatures)
        {
            valid |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        return valid;
    }

    /// <summary>The header Stripe would send for <paramref name="payload"/> at <paramref name="timestamp"/> (tests and tools).</summary>
    public static string Sign(string payload, DateTimeOffset timestamp, string secret)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        return $"t={seconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Compute(payload, seconds, secret))}";
    }

    private static byte[] Compute(string payload, long timestamp, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{payload}"));

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length != 64)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
