using System.Text;

namespace Dashboard.Web.Auth;

/// <summary>Keeps redirects after sign-in on this site: anything but a local path becomes the Overview.</summary>
public static class LocalUrl
{
    /// <summary>
    /// The URL when it is local, else "/"; characters outside ASCII are percent-encoded (UTF-8), because a Location
    /// header must be ASCII (<c>/é</c> becomes <c>/%C3%A9</c>, which the browser shows as <c>/é</c>).
    /// </summary>
    public static string OrRoot(string? url) => IsLocal(url) ? EscapeNonAscii(url!) : "/";

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains("://", StringComparison.Ordinal)
        && !url.Any(char.IsControl);

    private static string EscapeNonAscii(string url)
    {
        if (Ascii.IsValid(url))
        {
            return url;
        }

        var escaped = new StringBuilder(url.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                escaped.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}
