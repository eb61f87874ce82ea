using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>
/// Turns the reader's current row into the importer's operation, with the REST API's parsing of numbers, instants and
/// enum names (<see cref="ImportValues"/>). Cells that do not parse are reported here; what the values mean (required,
/// ranges, currencies) is left to <see cref="OperationValidator"/>, as for every other door.
/// </summary>
internal sealed class CsvRowParser(CsvRowReader row, List<CsvRowError> errors)
{
    public ImportOperation Parse() => row.Kind switch
    {
        CsvImportKind.Customers => new CustomerImport
        {
            Oid = Text("oid"),
            Name = Text("name"),
            Email = Text("email"),
            Notes = Text("notes"),
            Country = Text("country"),
            Currency = Text("currency"),
            Created = Instant("created"),
        },
        CsvImportKind.Plans => new PlanImport
        {
            Oid = Text("oid"),
            Name = Text("name"),
            Currency = Text("currency"),
            Amount = Long("amount"),
            Interval = Enum<BillingInterval>("interval"),
            IntervalCount = Int("interval_count"),
            TrialDuration = Int("trial_duration"),
            TrialDurationUnit = Enum<BillingInterval>("trial_duration_unit"),
        },
        CsvImportKind.Subscriptions => new SubscriptionImport
        {
            Oid = Text("oid"),
            CustomerOid = Text("customer_oid"),
            PlanOid = Text("plan_oid"),
            StartedAt = Instant("started_at"),
            CanceledAt = Instant("canceled_at"),
            TrialEnd = Instant("trial_end"),
            Quantity = Int("quantity"),
            Discount = Long("discount"),
        },
        CsvImportKind.Charges => new ChargeImport
        {
            Oid = Text("oid"),
            CustomerOid = Text("customer_oid"),
            SubscriptionOid = Text("subscription_oid"),
            Amount = Long("amount"),
            Fee = Long("fee"),
            Currency = Text("currency"),
            Created = Instant("created"),
            Status = Enum<ChargeStatus>("status"),
            Kind = Enum<ChargeKind>("kind"),
        },
        CsvImportKind.Refunds => new RefundImport
        {
            Oid = Text("oid"),
            ChargeOid = Text("charge_oid"),
            Amount = Long("amount"),
            Currency = Text("currency"),
            Created = Instant("created"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(row), row.Kind, "Attribute rows are not operations."),
    };

    /// <summary>The fields of the current row that failed to parse, so the validator's "is required" for them is not reported twice.</summary>
    public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);

    private string? Text(string field) => row.Get(field);

    private long? Long(string field) => Parse(field,
        static (string text, out long value) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
        static text => $"'{text}' is not a whole number (amounts are in minor units, e.g. 4900 for 49.00).");

    private int? Int(string field) => Parse(field,
        static (string text, out int value) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
        static text => $"'{text}' is not a whole number.");

    private DateTimeOffset? Instant(string field) => Parse<DateTimeOffset>(field, ImportValues.TryParseInstant,
        static text => $"'{text}' {ImportValues.InstantExpected}.");

    private TEnum? Enum<TEnum>(string field)
        where TEnum : struct, Enum => Parse<TEnum>(field, ImportValues.TryParseEnum,
        static text => $"'{text}' must be one of {string.Join(", ", ImportValues.EnumNames<TEnum>())}.");

    /// <summary>The field's value parsed, null when the cell is empty, or an error naming the field (and null).</summary>
    private T? Parse<T>(string field, TryParse<T> tryParse, Func<string, string> problem)
        where T : struct
    {
        if (row.Get(field) is not { } text)
        {
            return null;
        }

        return tryParse(text, out var value) ? value : Fail<T>(field, problem(text));
    }

    private T? Fail<T>(string field, string message)
        where T : struct
    {
        Failed.Add(field);
        errors.Add(new CsvRowError(row.Line, field, message));
        return null;
    }
}

internal delegate bool TryParse<T>(string text, out T value);
