using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Core.Money;
using Dashboard.Core.Timelines;
using Dashboard.Web.Services.Customers;

namespace Dashboard.Web.Features.Customers;

/// <summary>What a timeline entry is, for its icon, filter and <c>data-kind</c>.</summary>
public enum TimelineKind
{
    Movement,
    Subscription,
    Charge,
    FailedCharge,
    Refund,
    Dispute,
    Cancellation,
    Note,
    AttributeChange,
}

/// <summary>
/// One line of a customer's timeline on a reporting day. <see cref="Amount"/> is signed minor units (of
/// <see cref="AmountDisplay"/>'s currency) when the entry moves money or MRR; <see cref="NoteId"/> is set for notes.
/// </summary>
public sealed record TimelineEntry(DateOnly Date, TimelineKind Kind, string Title, string? Detail, long? Amount, string? AmountDisplay, long? NoteId = null, string? Author = null)
{
    public string DateText => CustomerPageModel.DateText(Date);

    public string KindKey => Kind switch
    {
        TimelineKind.FailedCharge => "failed_charge",
        TimelineKind.AttributeChange => "attribute_change",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// A customer's history as one list, newest first: the engine's MRR movements (reporting currency), subscription
/// starts, plan changes, cancellation requests and ends, charges (paid and failed), refunds and lost disputes (their own
/// currency), recorded cancellation reasons, attribute changes ("CRM owner changed from Ann to Bob") and the notes users
/// wrote.
/// </summary>
public static class CustomerTimelineModel
{
    public static IReadOnlyList<TimelineEntry> From(CustomerRecord record, CustomerMetrics metrics, ReportingCalendar calendar,
        IReadOnlyList<CancellationRecord> cancellations, IReadOnlyList<CustomerNote> notes, IReadOnlyList<AttributeChangeRecord>? attributeChanges = null)
    {
        DateOnly Day(DateTimeOffset instant) => DateOnly.FromDayNumber(calendar.DayOf(instant));
        var entries = new List<(TimelineEntry Entry, int Order)>();
        void Add(TimelineEntry entry, int order) => entries.Add((entry, order));

        foreach (var m in metrics.Movements)
        {
            Add(new TimelineEntry(m.Date, TimelineKind.Movement, MovementTitle(m.Kind), null, m.Amount, Signed(m.Amount, metrics.Currency)), 3);
        }

        foreach (var s in record.Subscriptions)
        {
            var first = s.States.Count > 0 ? s.States[0] : null;
            var trial = s.TrialEnd is { } t && t > s.StartedAt ? $", trial until {CustomerPageModel.DateText(Day(t))}" : null;
            Add(new TimelineEntry(Day(s.StartedAt), TimelineKind.Subscription, "Subscription started",
                $"{s.ExternalId}{(first is null ? null : " on " + Plan(first))}{trial}", null, null), 1);
            for (var i = 1; i < s.States.Count; i++)
            {
                var (before, after) = (s.States[i - 1], s.States[i]);
                Add(new TimelineEntry(Day(after.EffectiveFrom), TimelineKind.Subscription, StateTitle(before, after),
                    $"{s.ExternalId}: {Terms(before)} → {Terms(after)}", null, null), 2);
            }

            if (s.CancelRequestedAt is { } requested)
            {
                Add(new TimelineEntry(Day(requested), TimelineKind.Subscription, "Cancellation requested", s.ExternalId, null, null), 4);
            }

            if (s.CanceledAt is { } ended)
            {
                Add(new TimelineEntry(Day(ended), TimelineKind.Subscription, "Subscription ended", s.ExternalId, null, null), 5);
            }
        }

        foreach (var c in record.Charges)
        {
            var paid = c.Status == ChargeStatus.Paid;
            Add(new TimelineEntry(Day(c.CreatedAt), paid ? TimelineKind.Charge : TimelineKind.FailedCharge, paid ? "Charge paid" : "Charge failed",
                $"{c.ExternalId} ({ChargeKindText(c.Kind)})", paid ? c.AmountMinor : 0, MoneyFormat.Full(c.AmountMinor, c.Currency)), 6);
            foreach (var r in c.Refunds)
            {
                var dispute = r.Kind == RefundKind.Dispute;
                Add(new TimelineEntry(Day(r.CreatedAt), dispute ? TimelineKind.Dispute : TimelineKind.Refund, dispute ? "Dispute lost" : "Refund",
                    $"{r.ExternalId} on charge {c.ExternalId}", -r.AmountMinor, "-" + MoneyFormat.Full(r.AmountMinor, r.Currency)), 7);
            }
        }

        foreach (var e in cancellations)
        {
            var detail = string.Join(" · ", new[] { e.Comment, string.IsNullOrEmpty(e.SubscriptionExternalIds) ? null : e.SubscriptionExternalIds.Replace("|", ", ", StringComparison.Ordinal) }
                .Where(p => !string.IsNullOrWhiteSpace(p)));
            Add(new TimelineEntry(Day(e.OccurredAt), TimelineKind.Cancellation, "Cancellation reason: " + e.Reason, detail.Length == 0 ? null : detail, null, null), 8);
        }

        foreach (var n in notes)
        {
            Add(new TimelineEntry(n.Date, TimelineKind.Note, "Note", n.Text, null, null, n.Id, n.Author), 9);
        }

        // Added newest first, so changes of one day keep their order (the sort below is stable).
        foreach (var change in (attributeChanges ?? []).OrderByDescending(c => c.ChangedAt))
        {
            Add(new TimelineEntry(Day(change.ChangedAt), TimelineKind.AttributeChange, AttributeChangeTitle(change), OriginText(change.Origin), null, null), 0);
        }

        // Newest day first; within a day, notes and outcomes above the events that led to them.
        return entries.OrderByDescending(e => e.Entry.Date).ThenByDescending(e => e.Order).Select(e => e.Entry).ToList();
    }

    /// <summary>"CRM owner changed from Ann to Bob", "UTM source set to google", "Plan interest removed".</summary>
    public static string AttributeChangeTitle(AttributeChangeRecord change) => (change.PreviousValue, change.NewValue) switch
    {
        (_, null) => $"{change.FieldTitle} removed",
        (null, { } value) => $"{change.FieldTitle} set to {ValueText(change.FieldType, value)}",
        ({ } before, { } after) => $"{change.FieldTitle} changed from {ValueText(change.FieldType, before)} to {ValueText(change.FieldType, after)}",
    };

    private static string ValueText(AttributeType type, string value) => type switch
    {
        AttributeType.Boolean => value == "true" ? "yes" : "no",
        AttributeType.Date when AttributeValues.AsDate(value) is { } date => CustomerPageModel.DateText(date),
        _ => value.Length == 0 ? "(empty)" : value,
    };

    private static string? OriginText(AttributeChangeOrigin? origin) => origin switch
    {
        AttributeChangeOrigin.Api => "by the API",
        AttributeChangeOrigin.CsvImport => "by a CSV import",
        AttributeChangeOrigin.Stripe => "from Stripe",
        AttributeChangeOrigin.Braintree => "from Braintree",
        AttributeChangeOrigin.Demo => "demo data",
        AttributeChangeOrigin.Ui => "in the dashboard",
        _ => null,
    };

    private static string MovementTitle(string kind) => kind switch
    {
        "new" => "New MRR",
        "expansion" => "Expansion",
        "contraction" => "Contraction",
        "churn" => "Churn",
        "reactivation" => "Reactivation",
        _ => kind,
    };

    private static string StateTitle(StateRecord before, StateRecord after) =>
        before.PlanExternalId != after.PlanExternalId ? "Plan changed"
        : before.Status != after.Status ? $"Status changed to {after.Status}"
        : "Subscription changed";

    private static string Plan(StateRecord state) => state.PlanName;

    private static string Terms(StateRecord state) =>
        $"{state.PlanName}{(state.Quantity == 1 ? null : " × " + state.Quantity.ToString(CultureInfo.InvariantCulture))}, " +
        $"{MoneyFormat.Full(state.PeriodAmountMinor, state.Currency)}{(state.Status == SubscriptionStatus.Active ? null : ", " + state.Status)}";

    private static string ChargeKindText(ChargeKind kind) => kind switch { ChargeKind.OneTime => "one-time", ChargeKind.Metered => "usage", _ => "recurring" };

    private static string Signed(long amount, string currency) => (amount > 0 ? "+" : string.Empty) + MoneyFormat.Full(amount, currency);
}
