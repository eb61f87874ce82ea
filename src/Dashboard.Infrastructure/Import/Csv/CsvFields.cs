using System.Globalization;
using System.Text;

namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>
/// The header set of each kind. Names are the REST API's (api-v1.md), so a CSV column means what the JSON field means;
/// amounts are integer minor units, timestamps unix seconds or ISO 8601. docs/csv-import.md documents the same set.
/// </summary>
public static class CsvFields
{
    /// <summary>Attribute files: a column that is none of these fields is the value of the attribute with that key.</summary>
    public const string AttributeColumn = "(attribute)";

    private static readonly Dictionary<CsvImportKind, IReadOnlyList<CsvField>> Fields = new()
    {
        [CsvImportKind.Customers] =
        [
            new("oid", true, "Your id of the customer", "cus_001"),
            new("name", false, "Name", "Ada Lovelace"),
            new("email", false, "Email address", "ada@example.com"),
            new("notes", false, "Free text", "VIP"),
            new("country", false, "ISO 3166-1 alpha-2 country", "GB"),
            new("currency", false, "ISO 4217 currency the customer pays in", "USD"),
            new("created", false, "When the customer signed up (unix seconds or ISO 8601)", "2026-01-15T09:30:00Z"),
        ],
        [CsvImportKind.Plans] =
        [
            new("oid", true, "Your id of the plan", "pro_monthly"),
            new("name", true, "Name", "Pro"),
            new("currency", true, "ISO 4217 currency", "USD"),
            new("amount", true, "Price per billing period in minor units", "4900"),
            new("interval", true, "day, week, month or year", "month"),
            new("interval_count", false, "Intervals per billing period (1)", "1"),
            new("trial_duration", false, "Length of the free trial", "14"),
            new("trial_duration_unit", false, "day, week, month or year", "day"),
        ],
        [CsvImportKind.Subscriptions] =
        [
            new("oid", true, "Your id of the subscription", "sub_001"),
            new("customer_oid", true, "The customer's oid (in this source)", "cus_001"),
            new("plan_oid", true, "The plan's oid (in this source)", "pro_monthly"),
            new("started_at", true, "When it started (unix seconds or ISO 8601)", "2026-01-15T09:30:00Z"),
            new("canceled_at", false, "When it ended or will end", ""),
            new("trial_end", false, "When the trial ends", "2026-01-29T09:30:00Z"),
            new("quantity", false, "Seats (1)", "1"),
            new("discount", false, "Minor units off every period (0)", "0"),
        ],
        [CsvImportKind.Charges] =
        [
            new("oid", true, "Your id of the charge", "ch_001"),
            new("customer_oid", true, "The customer's oid (in this source)", "cus_001"),
            new("amount", true, "Amount in minor units", "4900"),
            new("currency", true, "ISO 4217 currency", "USD"),
            new("created", true, "When it was charged (unix seconds or ISO 8601)", "2026-02-15T09:30:00Z"),
            new("status", true, "paid or failed", "paid"),
            new("fee", false, "Processing fee in minor units", "172"),
            new("subscription_oid", false, "The subscription it pays for", "sub_001"),
            new("kind", false, "recurring, one_time or metered (recurring with a subscription, else one_time)", "recurring"),
        ],
        [CsvImportKind.Refunds] =
        [
            new("oid", true, "Your id of the refund", "re_001"),
            new("charge_oid", true, "The refunded charge's oid (in this source)", "ch_001"),
            new("amount", true, "Amount in minor units", "1000"),
            new("currency", true, "ISO 4217 currency (the charge's)", "USD"),
            new("created", true, "When it was refunded (unix seconds or ISO 8601)", "2026-02-20T10:00:00Z"),
        ],
        [CsvImportKind.Attributes] =
        [
            new("customer_oid", false, "The customer's oid in this source (or email)", "cus_001"),
            new("email", false, "The customer's email, used when there is no customer_oid", "ada@example.com"),
        ],
    };

    public static IReadOnlyList<CsvField> For(CsvImportKind kind) => Fields[kind];

    /// <summary>The field a file header stands for by default: the field of that name ("Customer OID" reads customer_oid).</summary>
    public static string? DefaultFieldFor(CsvImportKind kind, string header)
    {
        var name = Canonical(header);
        var squeezed = Squeeze(name);
        if (kind == CsvImportKind.Attributes && squeezed is "customeremail" or "oid")
        {
            // The names a customer export uses for the key columns.
            return squeezed == "oid" ? "customer_oid" : "email";
        }

        // Punctuation between letters counts for nothing: "E-mail" reads email, "CustomerOID" customer_oid.
        if ((For(kind).FirstOrDefault(f => f.Name == name) ?? For(kind).FirstOrDefault(f => Squeeze(f.Name) == squeezed)) is { } field)
        {
            return field.Name;
        }

        return kind == CsvImportKind.Attributes && name.Length > 0 ? AttributeColumn : null;
    }

    /// <summary>A small valid file of the kind, the columns of <see cref="For"/> with their examples (the UI offers it for download).</summary>
    public static string ExampleFile(CsvImportKind kind)
    {
        var fields = For(kind).ToList();
        var header = fields.Select(f => f.Name).ToList();
        var row = fields.Select(f => f.Example).ToList();
        if (kind == CsvImportKind.Attributes)
        {
            header.AddRange(["plan_tier", "utm_source"]);
            row.AddRange(["enterprise", "newsletter"]);
        }

        var text = new StringBuilder();
        text.AppendLine(string.Join(',', header));
        text.AppendLine(string.Join(',', row));
        return text.ToString();
    }

    /// <summary>"Customer OID" -> "customer_oid": how headers are compared with field names.</summary>
    private static string Squeeze(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal);

    public static string Canonical(string header)
    {
        var text = new StringBuilder(header.Length);
        foreach (var c in header.Trim())
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLower(c, CultureInfo.InvariantCulture) : '_');
        }

        return text.ToString().Trim('_');
    }
}
