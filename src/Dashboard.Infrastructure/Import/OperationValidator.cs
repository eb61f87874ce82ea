using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Import;

/// <summary>
/// The checks an operation passes on its own, before anything is read or written: required fields, ranges, currency
/// codes and the order of instants. Checks that need stored data (references, refund totals) come later.
/// </summary>
public static class OperationValidator
{
    public const int MaxOidLength = 200;
    public const int MaxCustomerNameLength = 500;
    public const int MaxEmailLength = 320;

    public static IReadOnlyList<ImportError> Validate(IReadOnlyList<ImportOperation> operations)
    {
        var errors = new List<ImportError>();
        for (var index = 0; index < operations.Count; index++)
        {
            var report = new Report(errors, index, operations[index].Oid);
            switch (operations[index])
            {
                case PlanImport plan:
                    ValidatePlan(plan, report);
                    break;
                case CustomerImport customer:
                    ValidateCustomer(customer, report);
                    break;
                case CustomerAttributeImport attribute:
                    report.Required(attribute.CustomerOid, "customer_oid");
                    report.Required(attribute.Key, "key");
                    if (attribute.Value is null)
                    {
                        report.Add("value", "is required.", ImportErrorCode.Required);
                    }

                    break;
                case SubscriptionImport subscription:
                    ValidateSubscription(subscription, report);
                    break;
                case SubscriptionChange change:
                    report.Required(change.Oid, "oid");
                    report.Required(change.OccurredAt, "occurred_at");
                    ValidateTerms(change.Quantity, change.Discount, change.AddOns, report);
                    ValidateAmount(change.Amount, change.Currency, report);
                    break;
                case SubscriptionCancellation cancellation:
                    report.Required(cancellation.Oid, "oid");
                    report.Required(cancellation.CanceledAt, "canceled_at");
                    break;
                case CancellationFeedbackImport feedback:
                    report.Required(feedback.Oid, "oid");
                    report.Required(feedback.Reason, "reason");
                    report.Required(feedback.OccurredAt, "occurred_at");
                    if (feedback.Reason?.Trim().Length > 500)
                    {
                        report.Add("reason", "is longer than 500 characters.");
                    }

                    if (feedback.Comment?.Length > 4000)
                    {
                        report.Add("comment", "is longer than 4000 characters.");
                    }

                    break;
                case ChargeImport charge:
                    ValidateCharge(charge, report);
                    break;
                case RefundImport refund:
                    report.Required(refund.Oid, "oid");
                    report.Required(refund.ChargeOid, "charge_oid");
                    report.NonNegative(refund.Amount, "amount", required: true);
                    report.Currency(refund.Currency, "currency", required: true);
                    report.Required(refund.Created, "created");
                    break;
                default:
                    report.Required(operations[index].Oid, "oid");
                    break;
            }
        }

        for (var index = 0; index < operations.Count; index++)
        {
            new Report(errors, index, operations[index].Oid).MaxLength(operations[index].Oid?.Trim(), "oid", MaxOidLength);
        }

        ReportUpsertedAndDeleted(operations, errors);
        return errors;
    }

    private static void ValidatePlan(PlanImport plan, Report report)
    {
        report.Required(plan.Oid, "oid");
        report.Required(plan.Name, "name");
        report.Currency(plan.Currency, "currency", required: true);
        report.NonNegative(plan.Amount, "amount", required: true);
        report.Required(plan.Interval, "interval");
        if (plan.IntervalCount is < 1)
        {
            report.Add("interval_count", "must be at least 1.");
        }

        if (plan.TrialDuration is < 0)
        {
            report.Add("trial_duration", "must not be negative.");
        }

        if (plan.TrialDuration is > 0 && plan.TrialDurationUnit is null)
        {
            report.Add("trial_duration_unit", "is required with a trial_duration.", ImportErrorCode.Required);
        }
    }

    private static void ValidateCustomer(CustomerImport customer, Report report)
    {
        report.Required(customer.Oid, "oid");
        report.MaxLength(customer.Name, "name", MaxCustomerNameLength);
        report.MaxLength(customer.Email, "email", MaxEmailLength);
        report.Currency(customer.Currency, "currency", required: false);
        if (customer.Country is { } country && (country.Trim().Length != 2 || !country.Trim().All(char.IsAsciiLetter)))
        {
            report.Add("country", $"'{country}' is not an ISO 3166-1 alpha-2 country code.");
        }

        if (customer.Email is { } email && !string.IsNullOrWhiteSpace(email) && !email.Contains('@', StringComparison.Ordinal))
        {
            report.Add("email", $"'{email}' is not an email address.");
        }
    }

    private static void ValidateSubscription(SubscriptionImport subscription, Report report)
    {
        report.Required(subscription.Oid, "oid");
        report.Required(subscription.CustomerOid, "customer_oid");
        report.Required(subscription.PlanOid, "plan_oid");
        report.Required(subscription.StartedAt, "started_at");
        ValidateTerms(subscription.Quantity, subscription.Discount, subscription.AddOns, report);
        ValidateAmount(subscription.Amount, subscription.Currency, report);
        if (subscription.StartedAt is not { } started)
        {
            return;
        }

        if (subscription.TrialEnd < started)
        {
            report.Add("trial_end", "must not be before started_at.");
        }

        if (subscription.CanceledAt < started)
        {
            report.Add("canceled_at", "must not be before started_at.");
        }
    }

    private static void ValidateAmount(long? amount, string? currency, Report report)
    {
        report.NonNegative(amount, "amount", required: false);
        report.Currency(currency, "currency", required: false);
        if (currency is not null && amount is null)
        {
            report.Add("currency", "is only allowed with an amount.");
        }
    }

    private static void ValidateTerms(int? quantity, long? discount, IReadOnlyList<AddOnImport>? addOns, Report report)
    {
        if (quantity is < 1)
        {
            report.Add("quantity", "must be at least 1.");
        }

        report.NonNegative(discount, "discount", required: false);
        if (addOns is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < addOns.Count; i++)
        {
            var addOn = addOns[i];
            report.Required(addOn.Oid, $"addons[{i}].oid");
            report.NonNegative(addOn.Amount, $"addons[{i}].amount", required: true);
            if (addOn.Quantity is < 1)
            {
                report.Add($"addons[{i}].quantity", "must be at least 1.");
            }

            if (addOn.Oid is { } oid && !seen.Add(oid))
            {
                report.Add($"addons[{i}].oid", $"'{oid}' appears twice in the add-ons.");
            }
        }
    }

    private static void ValidateCharge(ChargeImport charge, Report report)
    {
        report.Required(charge.Oid, "oid");
        report.Required(charge.CustomerOid, "customer_oid");
        report.NonNegative(charge.Amount, "amount", required: true);
        report.NonNegative(charge.Fee, "fee", required: false);
        report.Currency(charge.Currency, "currency", required: true);
        report.Required(charge.Created, "created");
        report.Required(charge.Status, "status");
    }

    private static void ReportUpsertedAndDeleted(IReadOnlyList<ImportOperation> operations, List<ImportError> errors)
    {
        var upserted = operations
            .Where(o => o is not Deletion && o is not CustomerAttributeImport && o.Oid is not null)
            .Select(o => (o.ObjectKind, o.Oid!))
            .ToHashSet();
        for (var index = 0; index < operations.Count; index++)
        {
            if (operations[index] is Deletion { Oid: { } oid } deletion && upserted.Contains((deletion.Target, oid)))
            {
                errors.Add(new ImportError(index, oid, "oid",
                    $"{deletion.Target} '{oid}' is both written and deleted in this batch; send them in separate batches."));
            }
        }
    }

    private readonly record struct Report(List<ImportError> Errors, int Index, string? Oid)
    {
        public void Add(string field, string message, ImportErrorCode code = ImportErrorCode.Invalid) =>
            Errors.Add(new ImportError(Index, Oid, field, message, code));

        public void Required(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "is required.", ImportErrorCode.Required);
            }
        }

        public void Required<T>(T? value, string field)
            where T : struct
        {
            if (value is null || value.Value.Equals(default(T)) && typeof(T) == typeof(DateTimeOffset))
            {
                Add(field, "is required.", ImportErrorCode.Required);
            }
        }

        public void MaxLength(string? value, string field, int max)
        {
            if (value?.Length > max)
            {
                Add(field, $"must be at most {max} characters.");
            }
        }

        public void NonNegative(long? value, string field, bool required)
        {
            if (value is null)
            {
                if (required)
                {
                    Add(field, "is required.", ImportErrorCode.Required);
                }
            }
            else if (value < 0)
            {
                Add(field, "must not be negative.");
            }
        }

        public void Currency(string? code, string field, bool required)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                if (required)
                {
                    Add(field, "is required.", ImportErrorCode.Required);
                }
            }
            else if (!Core.Money.Currency.IsValid(code.Trim().ToUpperInvariant()))
            {
                Add(field, $"'{code}' is not an ISO 4217 currency code.");
            }
        }
    }
}
