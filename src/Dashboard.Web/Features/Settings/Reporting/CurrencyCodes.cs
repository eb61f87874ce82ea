using System.Globalization;

namespace Dashboard.Web.Features.Settings.Reporting;

/// <summary>ISO 4217 codes with an English name, for the currency picker.</summary>
public sealed record CurrencyOption(string Code, string Name)
{
    public string Text => $"{Code} – {Name}";
}

public static class CurrencyCodes
{
    private static readonly Lazy<IReadOnlyList<CurrencyOption>> Known = new(() =>
    {
        var byCode = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                if (Dashboard.Core.Money.Currency.IsValid(region.ISOCurrencySymbol))
                {
                    byCode.TryAdd(region.ISOCurrencySymbol, region.CurrencyEnglishName);
                }
            }
            catch (ArgumentException)
            {
                // A culture without a region has no currency.
            }
        }

        return byCode.Select(pair => new CurrencyOption(pair.Key, pair.Value)).ToList();
    });

    public static IReadOnlyList<CurrencyOption> All => Known.Value;
}
