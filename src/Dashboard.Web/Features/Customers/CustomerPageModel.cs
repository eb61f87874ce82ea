using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;
using Dashboard.Core.Timelines;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Services.Customers;

namespace Dashboard.Web.Features.Customers;

public sealed record StateRowView(string EffectiveFrom, string Plan, int Quantity, string Amount, string Status, string AddOns, string Discount);

public sealed record SubscriptionView(string ExternalId, string Started, string? TrialEnd, string? Ended, string? CancelRequested, IReadOnlyList<StateRowView> States);

public sealed record ChargeRowView(string Date, string ExternalId, string Amount, string Fee, string Status, string Kind, long RefundedMinor, string Refunded, string Refunds);

public sealed record AttributeRowView(string Name, string Key, string Type, string Value);

public sealed record MovementRowView(DateOnly Date, string DateText, string Kind, long Amount, string AmountDisplay);

/// <summary>
/// One customer's page, built without rendering from the stored record (subscriptions, charges, attributes) and the
/// engine's numbers (MRR, net revenue, status, monthly history, movements). Instants are shown as days of the
/// reporting time zone; stored amounts in their own currency, engine numbers in the reporting currency.
/// </summary>
public sealed class CustomerPageModel
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string ExternalId { get; init; }
    public string? Email { get; init; }
    public required string Source { get; init; }
    public required string Country { get; init; }
    public required string Created { get; init; }
    public required CustomerStatus Status { get; init; }
    public required string StatusLabel { get; init; }
    public required string StatusKey { get; init; }
    public required string Currency { get; init; }
    public required long Mrr { get; init; }
    public required string MrrDisplay { get; init; }
    public required long NetRevenue { get; init; }
    public required string NetRevenueDisplay { get; init; }
    public required string Since { get; init; }
    public required string Plans { get; init; }
    public required string AsOf { get; init; }

    /// <summary>The day the customer's numbers are for (today in the reporting time zone).</summary>
    public DateOnly Today { get; init; }
    public required IReadOnlyList<MrrChartPoint> Chart { get; init; }
    public required IReadOnlyList<SubscriptionView> Subscriptions { get; init; }
    public required IReadOnlyList<ChargeRowView> Charges { get; init; }
    public required IReadOnlyList<AttributeRowView> Attributes { get; init; }

    /// <summary>Every MRR movement up to today, oldest first; their amounts sum to <see cref="Mrr"/>.</summary>
    public required IReadOnlyList<MovementRowView> Movements { get; init; }

    public long MovementsSum => Movements.Sum(m => m.Amount);

    /// <summary>Everything that happened to the customer, newest first (<see cref="CustomerTimelineModel"/>).</summary>
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>The chart's points for scripts and tests: "2026-01-01=600000;2026-02-01=612000".</summary>
    public string ChartSeries => string.Join(';', Chart.Select(p => p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "=" + p.Minor.ToString(CultureInfo.InvariantCulture)));

    public static CustomerPageModel From(CustomerRecord record, CustomerMetrics metrics, ReportingCalendar calendar, IReadOnlyList<TimelineEntry>? timeline = null)
    {
        var currency = metrics.Currency;
        var customer = record.Customer;
        string Day(DateTimeOffset instant) => DateText(DateOnly.FromDayNumber(calendar.DayOf(instant)));

        return new CustomerPageModel
        {
            Id = customer.Id,
            Name = string.IsNullOrWhiteSpace(customer.Name) ? customer.ExternalId : customer.Name!,
            ExternalId = customer.ExternalId,
            Email = customer.Email,
            Source = $"{record.SourceName} ({record.Provider})",
            Country = customer.Country ?? "–",
            Created = Day(customer.CreatedAt),
            Status = metrics.Status,
            StatusLabel = CustomerListModel.StatusLabel(metrics.Status),
            StatusKey = CustomerListModel.StatusKey(metrics.Status),
            Currency = currency,
            Mrr = metrics.Mrr,
            MrrDisplay = MoneyFormat.Full(metrics.Mrr, currency),
            NetRevenue = metrics.NetRevenue,
            NetRevenueDisplay = MoneyFormat.Full(metrics.NetRevenue, currency),
            Since = metrics.Since is { } since ? DateText(since) : "never paid",
            Plans = metrics.Plans.Count == 0 ? "–" : string.Join(", ", metrics.Plans),
            AsOf = DateText(metrics.Date),
            Today = metrics.Date,
            Chart = metrics.History.Select(h => new MrrChartPoint(h.Month, h.Month.ToString("MMM yyyy", CultureInfo.InvariantCulture),
                (double)((decimal)h.Mrr / Dashboard.Core.Money.Currency.MinorPerMajor(currency)), h.Mrr)).ToList(),
            Subscriptions = record.Subscriptions.Select(s => new SubscriptionView(
                s.ExternalId,
                Day(s.StartedAt),
                s.TrialEnd is { } trial && trial > s.StartedAt ? Day(trial) : null,
                s.CanceledAt is { } ended ? Day(ended) : null,
                s.CancelRequestedAt is { } requested ? Day(requested) : null,
                s.States.Select(st => new StateRowView(
                    Day(st.EffectiveFrom),
                    st.PlanName == st.PlanExternalId ? st.PlanName : $"{st.PlanName} ({st.PlanExternalId})",
                    st.Quantity,
                    $"{MoneyFormat.Full(st.PeriodAmountMinor, st.Currency)} / {Period(st.Interval, st.IntervalCount)}",
                    StateStatus(st.Status),
                    st.AddOns.Count == 0 ? "–" : string.Join(", ", st.AddOns.Select(a => $"{a.ExternalId} {a.Quantity} × {MoneyFormat.Full(a.AmountMinor, st.Currency)}")),
                    st.DiscountMinor == 0 ? "–" : "-" + MoneyFormat.Full(st.DiscountMinor, st.Currency))).ToList())).ToList(),
            Charges = record.Charges.Select(c => new ChargeRowView(
                Day(c.CreatedAt),
                c.ExternalId,
                MoneyFormat.Full(c.AmountMinor, c.Currency),
                MoneyFormat.Full(c.FeeMinor, c.Currency),
                c.Status == ChargeStatus.Paid ? "Paid" : "Failed",
                c.Kind switch { ChargeKind.OneTime => "One-time", ChargeKind.Metered => "Usage", _ => "Recurring" },
                c.RefundedMinor,
                c.RefundedMinor == 0 ? "–" : MoneyFormat.Full(c.RefundedMinor, c.Currency),
                string.Join(", ", c.Refunds.Select(r => $"{MoneyFormat.Full(r.AmountMinor, r.Currency)} on {Day(r.CreatedAt)}")))).ToList(),
            Attributes = record.Attributes.Select(a => new AttributeRowView(a.Title, a.Key, a.Type.ToString().ToLowerInvariant(), a.Value)).ToList(),
            Movements = metrics.Movements.Select(m => new MovementRowView(m.Date, DateText(m.Date), m.Kind, m.Amount, Signed(m.Amount, currency))).ToList(),
            Timeline = timeline ?? [],
        };
    }

    public static string DateText(DateOnly date) => date.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    private static string Signed(long amount, string currency) => (amount > 0 ? "+" : string.Empty) + MoneyFormat.Full(amount, currency);

    private static string Period(BillingInterval interval, int count)
    {
        var unit = interval.ToString().ToLowerInvariant();
        return count == 1 ? unit : $"{count.ToString(CultureInfo.InvariantCulture)} {unit}s";
    }

    private static string StateStatus(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.PastDue => "Past due",
        _ => status.ToString(),
    };
}
