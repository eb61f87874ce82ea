using System.Globalization;

namespace Dashboard.Infrastructure.Demo.Simulation;

// Who the customer is: a person at a company (or with a free-mail address), and the external ids of its rows.
internal sealed partial class CustomerSimulation
{
    private (string Name, string Email) Identity()
    {
        var first = random.Pick(DemoVocabulary.FirstNames);
        var last = random.Pick(DemoVocabulary.LastNames);
        var company = random.Pick(DemoVocabulary.CompanyStems) + " " + random.Pick(DemoVocabulary.CompanyTails);
        var localFirst = Slug(first);
        var localLast = Slug(last);
        if (random.Chance(0.2))
        {
            var mail = $"{localFirst}.{localLast}{random.Next(1, 99).ToString(CultureInfo.InvariantCulture)}@{random.Pick(DemoVocabulary.FreeMailDomains)}";
            return ($"{first} {last}", mail);
        }

        var tld = random.Pick<string>(["com", "com", "com", "io", "co", "net", "dev"]);
        var domain = Slug(company) + "." + tld;
        var name = company + random.Pick(DemoVocabulary.CompanySuffixes);
        return (name, $"{localFirst}.{localLast}@{domain}");
    }

    private static string Slug(string text)
    {
        Span<char> buffer = stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    /// <summary>A processor-style id: the prefix, random base-62 characters, then the row id (so ids never collide).</summary>
    private string ExternalId(string prefix, long id)
    {
        Span<char> buffer = stackalloc char[prefix.Length + 8 + 12];
        prefix.AsSpan().CopyTo(buffer);
        random.FillBase62(buffer.Slice(prefix.Length, 8));
        var n = prefix.Length + 8;
        Span<char> digits = stackalloc char[12];
        var d = 0;
        var value = (ulong)id;
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        do
        {
            digits[d++] = alphabet[(int)(value % 62)];
            value /= 62;
        }
        while (value > 0);

        // A fixed-width tail keeps the random part and the id part from being confused.
        for (var i = d; i < 6; i++)
        {
            buffer[n++] = '0';
        }

        while (d > 0)
        {
            buffer[n++] = digits[--d];
        }

        return new string(buffer[..n]);
    }
}
