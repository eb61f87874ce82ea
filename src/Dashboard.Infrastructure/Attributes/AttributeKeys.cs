using System.Text;

namespace Dashboard.Infrastructure.Attributes;

/// <summary>Derives an attribute field's key from its title: "UTM Source" -> "utm_source", "planTier" -> "plan_tier".</summary>
public static class AttributeKeys
{
    public static string FromTitle(string title)
    {
        var key = new StringBuilder(title.Length + 4);
        var previous = '_';
        foreach (var c in title.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous)))
                {
                    key.Append('_');
                }

                key.Append(char.ToLowerInvariant(c));
                previous = c;
            }
            else if (previous != '_')
            {
                key.Append('_');
                previous = '_';
            }
        }

        return key.ToString().TrimEnd('_');
    }
}
