using System.Net;

namespace Dashboard.Web.Hosting;

/// <summary>
/// How the app is exposed (section <c>Hosting</c>): HTTPS redirection and HSTS (both off by default, so the plain-http
/// local run works) and the X-Forwarded-For/-Proto headers of a trusted reverse proxy. docs/operations.md describes each.
/// </summary>
public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary><c>Hosting:HttpsRedirection</c>: redirect http requests to https (308).</summary>
    public bool HttpsRedirection { get; init; }

    /// <summary><c>Hosting:HttpsPort</c>: the https port redirects go to, when it is not the server's own https endpoint.</summary>
    public int? HttpsPort { get; init; }

    /// <summary><c>Hosting:Hsts</c>: send Strict-Transport-Security on https responses.</summary>
    public bool Hsts { get; init; }

    /// <summary><c>Hosting:HstsMaxAgeDays</c>: how long browsers remember to use https only.</summary>
    public int HstsMaxAgeDays { get; init; } = 365;

    /// <summary><c>Hosting:ForwardedHeaders:Enabled</c>: apply X-Forwarded-For and X-Forwarded-Proto from trusted proxies.</summary>
    public bool ForwardedHeadersEnabled { get; init; }

    /// <summary><c>Hosting:ForwardedHeaders:KnownProxies</c>: the proxies' addresses (empty: the loopback addresses only).</summary>
    public IReadOnlyList<IPAddress> KnownProxies { get; init; } = [];

    /// <summary><c>Hosting:ForwardedHeaders:KnownNetworks</c>: networks (CIDR) whose every address is a trusted proxy.</summary>
    public IReadOnlyList<IPNetwork> KnownNetworks { get; init; } = [];

    /// <summary>Reads the section; a value that is not understood is refused naming its setting.</summary>
    public static HostingOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var forwarded = section.GetSection("ForwardedHeaders");
        return new HostingOptions
        {
            HttpsRedirection = Flag(section, "HttpsRedirection"),
            HttpsPort = Number(section, "HttpsPort", 1, 65535),
            Hsts = Flag(section, "Hsts"),
            HstsMaxAgeDays = Number(section, "HstsMaxAgeDays", 1, 3650) ?? 365,
            ForwardedHeadersEnabled = Flag(forwarded, "Enabled"),
            KnownProxies = List(forwarded, "KnownProxies", "an IP address", (string text, out IPAddress value) => IPAddress.TryParse(text, out value!)),
            KnownNetworks = List(forwarded, "KnownNetworks", "a network in CIDR notation (10.0.0.0/8)", (string text, out IPNetwork value) => IPNetwork.TryParse(text, out value)),
        };
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static bool Flag(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"{section.Path}:{key} must be true or false, not '{text}'.");
    }

    private static int? Number(IConfigurationSection section, string key, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{section.Path}:{key} must be a whole number from {min} to {max}, not '{text}'.");
    }

    /// <summary>A list given either as array items (<c>KnownProxies:0</c>, ...) or as one value separated by ';' or ','.</summary>
    private static List<T> List<T>(IConfigurationSection section, string key, string what, TryParse<T> parse)
    {
        var setting = section.GetSection(key);
        var texts = setting.GetChildren().Select(child => child.Value).Append(setting.Value)
            .SelectMany(value => (value ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var values = new List<T>();
        foreach (var text in texts)
        {
            values.Add(parse(text, out var value)
                ? value
                : throw new InvalidOperationException($"{setting.Path}: '{text}' is not {what}."));
        }

        return values;
    }
}
