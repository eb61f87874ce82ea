using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Core.Money;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// Computes the Overview straight from the store: every subscription's MRR per metrics.md at the instants the page
/// needs (end of today, 30 days earlier, each month's end, the trailing 30 days for churn). A context per call.
/// </summary>
public sealed class OverviewQuery(
    IDbContextFactory<DashboardDbContext> contextFactory,
    ReportingOptions options,
    TimeProvider time) : IOverviewMetrics
{
    public const int MaxMonths = 120;

    public async Task<OverviewModel> GetOverviewAsync(int months, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, MaxMonths);

        var today = options.DayOf(time.GetUtcNow());
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await context.Customers.AnyAsync(cancellationToken))
        {
            var empty = new MrrSnapshot(0, 0);
            var points = MonthStarts(today, months).Select(m => new MrrPoint(m, 0)).ToList();
            return new OverviewModel(options.Currency, today, false, empty, empty, null, points, []);
        }

        var plans = await context.Plans.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var rates = new FxTable(await context.FxRates.AsNoTracking().ToListAsync(cancellationToken));
        var subscriptions = await context.Subscriptions.AsNoTracking()
            .Include(s => s.States).ThenInclude(s => s.AddOns)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var calculation = new Calculation(new SubscriptionMrr(options, plans, rates), options, plans, subscriptions);

        var series = new List<MrrPoint>(months);
        foreach (var monthStart in MonthStarts(today, months))
        {
            var monthEnd = monthStart.AddMonths(1).AddDays(-1);
            var day = monthEnd < today ? monthEnd : today;
            series.Add(new MrrPoint(monthStart, calculation.SnapshotAt(day).MrrMinor));
        }

        return new OverviewModel(
            options.Currency,
            today,
            true,
            calculation.SnapshotAt(today),
            calculation.SnapshotAt(today.AddDays(-30)),
            calculation.CustomerChurnRate(today),
            series,
            calculation.Problems());
    }

    /// <summary>The first days of the last <paramref name="months"/> months, this one last.</summary>
    private static IEnumerable<DateOnly> MonthStarts(DateOnly today, int months)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        for (var i = months - 1; i >= 0; i--)
        {
            yield return current.AddMonths(-i);
        }
    }

    private sealed class Calculation
    {
        private readonly SubscriptionMrr mrr;
        private readonly ReportingOptions options;
        private readonly IReadOnlyDictionary<long, Plan> plans;
        private readonly List<(Subscription Subscription, List<SubscriptionState> States)[]> customers;
        private readonly Dictionary<string, HashSet<long>> missingRates = new(StringComparer.Ordinal);

        public Calculation(SubscriptionMrr mrr, ReportingOptions options, IReadOnlyDictionary<long, Plan> plans, List<Subscription> subscriptions)
        {
            this.mrr = mrr;
            this.options = options;
            this.plans = plans;
            customers = subscriptions
                .GroupBy(s => s.CustomerId)
                .Select(g => g.Select(s => (s, s.States.OrderBy(st => st.EffectiveFrom).ThenBy(st => st.Id).ToList())).ToArray())
                .ToList();
        }

        public MrrSnapshot SnapshotAt(DateOnly day)
        {
            var instant = options.EndOf(day);
            var total = 0m;
            var active = 0;
            foreach (var customer in customers)
            {
                var value = CustomerMrr(customer, instant);
                if (value > 0)
                {
                    total += value;
                    active++;
                }
            }

            return new MrrSnapshot(Money.RoundMinor(total), active);
        }

        /// <summary>
        /// customer_churn_rate for the trailing 30 days ending on <paramref name="day"/>: customers active at the end of
        /// day-30 with a churn movement (MRR &gt; 0 to 0 from one day's end to the next) within day-29..day, over those active.
        /// </summary>
        public decimal? CustomerChurnRate(DateOnly day)
        {
            var windowStart = options.EndOf(day.AddDays(-30));
            var dayEnds = Enumerable.Range(0, 30).Select(i => options.EndOf(day.AddDays(-29 + i))).ToArray();
            var activeAtStart = 0;
            var churned = 0;
            foreach (var customer in customers)
            {
                if (CustomerMrr(customer, windowStart) <= 0)
                {
                    continue;
                }

                activeAtStart++;
                if (dayEnds.Any(end => CustomerMrr(customer, end) <= 0))
                {
                    churned++;
                }
            }

            return activeAtStart == 0 ? null : churned * 100m / activeAtStart;
        }

        public IReadOnlyList<string> Problems() => missingRates
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Value.Count} subscription(s) billed in {p.Key} are left out: there is no {p.Key} to {options.Currency} exchange rate for the days their terms took effect. Import rates to include them."))
            .ToList();

        private decimal CustomerMrr((Subscription Subscription, List<SubscriptionState> States)[] customer, DateTimeOffset instant)
        {
            var total = 0m;
            foreach (var (subscription, states) in customer)
            {
                var value = mrr.At(subscription, states, instant);
                if (value is null)
                {
                    var currency = states.Select(s => plans.GetValueOrDefault(s.PlanId)?.Currency).FirstOrDefault(c => c is not null) ?? "?";
                    if (!missingRates.TryGetValue(currency, out var ids))
                    {
                        missingRates[currency] = ids = [];
                    }

                    ids.Add(subscription.Id);
                    continue;
                }

                total += value.Value;
            }

            return total;
        }
    }
}
