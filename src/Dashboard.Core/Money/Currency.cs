using System.Globalization;

namespace Dashboard.Core.Money;

/// <summary>ISO 4217 currency codes and how many minor-unit digits each has.</summary>
public static class Currency
{
    private static readonly HashSet<string> ZeroDecimal =
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];

    private static readonly HashSet<string> ThreeDecimal = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    private static readonly Lazy<HashSet<string>> Known = new(() =>
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                codes.Add(new RegionInfo(culture.Name).ISOCurrencySymbol);
            }
            catch (ArgumentException)
            {
                // A culture without a region has no currency.
            }
        }

        codes.UnionWith(ZeroDecimal);
        codes.UnionWith(ThreeDecimal);
        codes.UnionWith(["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "BRL", "MXN", "INR", "CNY", "SGD", "HKD", "NZD", "ZAR"]);
        return codes;
    });

    /// <summary>True when <paramref name="code"/> is three upper-case letters of a known ISO 4217 currency.</summary>
    public static bool IsValid(string? code) =>
        code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z') && Known.Value.Contains(code);

    /// <summary>Upper-cases and checks a code; throws naming the bad value otherwise.</summary>
    public static string Normalize(string code)
    {
        var upper = code.Trim().ToUpperInvariant();
        if (!IsValid(upper))
        {
            throw new ArgumentException($"'{code}' is not an ISO 4217 currency code.", nameof(code));
        }

        return upper;
    }

    public static int MinorDigits(string code) =>
        ZeroDecimal.Contains(code) ? 0 : ThreeDecimal.Contains(code) ? 3 : 2;

    /// <summary>10^digits: how many minor units make one major unit.</summary>
    public static long MinorPerMajor(string code) => MinorDigits(code) switch
    {
        0 => 1,
        3 => 1000,
        _ => 100,
    };
}
