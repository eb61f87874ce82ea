using System.Globalization;
using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo;

/// <summary>
/// Generates the billing history of a realistic, growing subscription business: customers arriving over the history
/// span with growth, trials that convert or not, upgrades, downgrades, seat changes, add-ons, coupons, failed payments
/// with recovery or involuntary churn, cancellations, reactivations, refunds, setup fees and metered usage.
/// <para>
/// Deterministic: the same <see cref="DemoDataOptions"/> (seed included) and the same UTC day of "today" give identical
/// rows. Each customer draws from its own random stream, so the batch size does not change the data. Only
/// <c>Dashboard.Core</c> types are produced (no EF Core), so the output can also feed benchmarks directly.
/// </para>
/// <para>
/// Streaming: <see cref="GenerateBatches"/> yields <see cref="DemoBatch"/>es of <see cref="DemoDataOptions.BatchSize"/>
/// customers with every row belonging to them, ids assigned sequentially per table, so memory stays bounded for any
/// customer count.
/// </para>
/// </summary>
public sealed class DemoDataGenerator
{
    private const double ArrivalGrowth = 4.0;

    private readonly Dictionary<string, DemoPlan> plansByKeyAndCurrency = new(StringComparer.Ordinal);
    private readonly Dictionary<long, DemoPlan> plansById = [];
    private readonly Dictionary<string, long> fieldIds = new(StringComparer.Ordinal);
    private readonly long[] reasonIds;

    /// <summary>Creates a generator whose history ends at the start of the current UTC day of <paramref name="timeProvider"/>.</summary>
    public DemoDataGenerator(DemoDataOptions options, TimeProvider timeProvider)
        : this(options, timeProvider.GetUtcNow())
    {
    }

    /// <summary>Creates a generator whose history ends at the start of the UTC day of <paramref name="today"/>.</summary>
    public DemoDataGenerator(DemoDataOptions options, DateTimeOffset today)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var utc = today.ToUniversalTime();
        HistoryEnd = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        HistoryStart = HistoryEnd.AddMonths(-options.HistoryMonths);
        (Catalog, reasonIds) = BuildCatalog();
    }

    public DemoDataOptions Options { get; }

    /// <summary>First instant of the generated history (customers arrive from here on).</summary>
    public DateTimeOffset HistoryStart { get; }

    /// <summary>Start of "today" (UTC): every generated event happens strictly before it.</summary>
    public DateTimeOffset HistoryEnd { get; }

    /// <summary>The source, plans, attribute fields and cancellation reasons, to be written before the batches.</summary>
    public DemoCatalog Catalog { get; }

    /// <summary>Attribute field keys the generator fills.</summary>
    public static IReadOnlyList<string> AttributeKeys { get; } =
    [
        "utm_source", "utm_medium", "utm_campaign", "crm_owner", "industry", "files_uploaded", "seats_used", "signup_date",
        "newsletter_opt_in",
    ];

    /// <summary>
    /// Streams the customers in batches. Every enumeration starts over and yields the same data; at most one batch is
    /// held by the generator at a time.
    /// </summary>
    public IEnumerable<DemoBatch> GenerateBatches()
    {
        var ids = new IdCounters(Options.IdOffsets);
        var batch = new DemoBatch { Index = 0 };
        for (var i = 0; i < Options.Customers; i++)
        {
            new CustomerSimulation(this, ids, batch, i).Run();
            if (batch.Customers.Count == Options.BatchSize)
            {
                yield return batch;
                batch = new DemoBatch { Index = batch.Index + 1 };
            }
        }

        if (batch.Customers.Count > 0)
        {
            yield return batch;
        }
    }

    private (DemoCatalog Catalog, long[] ReasonIds) BuildCatalog()
    {
        var source = new Source
        {
            Id = Options.SourceId,
            Name = Options.SourceName,
            Provider = SourceProvider.Demo,
            CreatedAt = HistoryStart,
        };

        var plans = new List<Plan>();
        var planId = Options.IdOffsets.Plans;
        string[] currencies = Options.MultiCurrency ? ["USD", "EUR", "GBP"] : ["USD"];
        foreach (var currency in currencies)
        {
            foreach (var spec in DemoPlanCatalog.Specs)
            {
                var plan = new Plan
                {
                    Id = ++planId,
                    SourceId = Options.SourceId,
                    ExternalId = $"price_{spec.Key}_{currency.ToLowerInvariant()}",
                    Name = spec.Name,
                    Currency = currency,
                    AmountMinor = spec.Amount(currency),
                    Interval = spec.Interval,
                    IntervalCount = spec.IntervalCount,
                    TrialDuration = spec.Cycle is Cycle.Annual || spec.Metered ? null : 14,
                    TrialDurationUnit = spec.Cycle is Cycle.Annual || spec.Metered ? null : BillingInterval.Day,
                    IsMetered = spec.Metered,
                };
                plans.Add(plan);
                var demoPlan = new DemoPlan(plan, spec);
                plansByKeyAndCurrency[spec.Key + "/" + currency] = demoPlan;
                plansById[plan.Id] = demoPlan;
            }
        }

        (string Key, string Title, AttributeType Type)[] fieldSpecs =
        [
            ("utm_source", "UTM source", AttributeType.String),
            ("utm_medium", "UTM medium", AttributeType.String),
            ("utm_campaign", "UTM campaign", AttributeType.String),
            ("crm_owner", "CRM owner", AttributeType.String),
            ("industry", "Industry", AttributeType.String),
            ("files_uploaded", "Files uploaded", AttributeType.Number),
            ("seats_used", "Seats used", AttributeType.Number),
            ("signup_date", "Signup date", AttributeType.Date),
            ("newsletter_opt_in", "Newsletter opt-in", AttributeType.Boolean),
        ];
        var fields = new List<AttributeField>();
        var fieldId = Options.IdOffsets.AttributeFields;
        foreach (var (key, title, type) in fieldSpecs)
        {
            if (Options.ExistingAttributeFieldIds?.TryGetValue(key, out var existing) == true)
            {
                fieldIds[key] = existing;
                continue;
            }

            var field = new AttributeField { Id = ++fieldId, Key = key, Title = title, Type = type };
            fields.Add(field);
            fieldIds[key] = field.Id;
        }

        var reasons = new List<CancellationReason>();
        var ids = new long[DemoVocabulary.CancellationReasons.Length];
        if (Options.IncludeCancellationInsights)
        {
            var reasonId = Options.IdOffsets.CancellationReasons;
            for (var i = 0; i < ids.Length; i++)
            {
                var text = DemoVocabulary.CancellationReasons[i].Item;
                if (Options.ExistingCancellationReasonIds?.TryGetValue(text, out var existing) == true)
                {
                    ids[i] = existing;
                    continue;
                }

                var reason = new CancellationReason { Id = ++reasonId, Text = text, SortKey = i + 1 };
                reasons.Add(reason);
                ids[i] = reason.Id;
            }
        }

        return (new DemoCatalog { Source = source, Plans = plans, AttributeFields = fields, CancellationReasons = reasons }, ids);
    }

    private DemoPlan? FindPlan(string key, string currency) =>
        plansByKeyAndCurrency.GetValueOrDefault(key + "/" + currency);

    private DemoPlan? FindPlan(PlanFamily family, Cycle cycle, string currency)
    {
        foreach (var spec in DemoPlanCatalog.Specs)
        {
            if (spec.Family == family && spec.Cycle == cycle)
            {
                return FindPlan(spec.Key, currency);
            }
        }

        return null;
    }

    /// <summary>Signup instant of customer <paramref name="index"/>: stratified over an exponentially growing arrival rate, so ids follow time.</summary>
    private DateTimeOffset ArrivalTime(int index, DemoRandom random)
    {
        var spanDays = (HistoryEnd - HistoryStart).TotalDays;
        var g = Math.Log(ArrivalGrowth) / spanDays;
        var q = (index + random.NextDouble()) / Math.Max(1, Options.Customers);
        var days = Math.Log(1 + q * (ArrivalGrowth - 1)) / g;
        var at = HistoryStart.AddTicks((long)(days * TimeSpan.TicksPerDay));
        at = new DateTimeOffset(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return at < HistoryEnd ? at : HistoryEnd.AddSeconds(-1);
    }

    private sealed class IdCounters(DemoIdOffsets offsets)
    {
        public long Customer = offsets.Customers;
        public long Subscription = offsets.Subscriptions;
        public long State = offsets.SubscriptionStates;
        public long AddOn = offsets.SubscriptionAddOns;
        public long Charge = offsets.Charges;
        public long Refund = offsets.Refunds;
        public long CancellationEvent = offsets.CancellationEvents;

        /// <summary>Numbers the subscription items that add-ons are (not a table id).</summary>
        public long AddOnItem;
    }

    private sealed record Coupon(string Code, int PercentOff, long AmountOffMinor, int DurationMonths, DateTimeOffset AppliedAt)
    {
        public bool ExpiredAt(DateTimeOffset at) => DurationMonths > 0 && at >= AppliedAt.AddMonths(DurationMonths);
    }

    private sealed record AddOnTerm(string ExternalId, AddOnKind Kind, int Quantity);

    /// <summary>The commercial terms of a subscription at one moment.</summary>
    private sealed record Terms(DemoPlan Plan, int Quantity, AddOnTerm[] AddOns, Coupon? Coupon)
    {
        public bool SameAs(Terms other) =>
            ReferenceEquals(Plan, other.Plan) && Quantity == other.Quantity && Coupon == other.Coupon &&
            AddOns.AsSpan().SequenceEqual(other.AddOns);
    }

    private sealed record PendingState(DateTimeOffset At, Terms Terms, SubscriptionStatus Status);

    private sealed class ChargeRecord(Charge charge, int sequence)
    {
        public Charge Charge { get; } = charge;
        public int Sequence { get; } = sequence;
        public long Refunded { get; set; }
    }

    private sealed record PendingRefund(ChargeRecord Charge, long Amount, DateTimeOffset At, int Sequence);

    private enum Change
    {
        None,
        Upgrade,
        Downgrade,
        SeatsUp,
        SeatsDown,
        AddPrioritySupport,
        AddStorage,
        AddSso,
        MoreStorage,
        RemoveAddOn,
        ToAnnual,
        SprintToStarter,
    }

    private readonly record struct SubscriptionOutcome(Subscription Subscription, DateTimeOffset? PaidFrom, bool Involuntary);

    /// <summary>Simulates one customer's life and appends its rows to the batch.</summary>
    private sealed class CustomerSimulation
    {
        private readonly DemoDataGenerator g;
        private readonly IdCounters ids;
        private readonly DemoBatch batch;
        private readonly int index;
        private readonly DemoRandom random;
        private readonly DateTimeOffset end;
        private readonly List<ChargeRecord> charges = [];
        private readonly List<PendingRefund> refunds = [];
        private readonly List<Subscription> subscriptions = [];
        private Customer customer = null!;
        private string currency = "USD";
        private double conversionFactor = 1;
        private double churnFactor = 1;
        private bool extrasDone;
        private Subscription? lastMain;

        public CustomerSimulation(DemoDataGenerator generator, IdCounters ids, DemoBatch batch, int index)
        {
            g = generator;
            this.ids = ids;
            this.batch = batch;
            this.index = index;
            random = new DemoRandom(generator.Options.Seed, index);
            end = generator.HistoryEnd;
        }

        private long SourceId => g.Options.SourceId;

        public void Run()
        {
            var created = g.ArrivalTime(index, random);
            var country = random.Pick(DemoVocabulary.Countries);
            currency = !g.Options.MultiCurrency ? "USD"
                : country == "GB" ? "GBP"
                : DemoVocabulary.EuroCountries.Contains(country) ? "EUR"
                : "USD";
            var channel = random.Pick(DemoVocabulary.UtmSources);
            (conversionFactor, churnFactor) = DemoVocabulary.ChannelFactors(channel);
            var industry = random.Pick(DemoVocabulary.Industries);

            var (name, email) = Identity();
            customer = new Customer
            {
                Id = ++ids.Customer,
                SourceId = SourceId,
                ExternalId = ExternalId("cus_", ids.Customer),
                Name = name,
                Email = email,
                Country = country,
                Currency = currency,
                CreatedAt = created,
            };
            batch.Customers.Add(customer);

            // The first subscription: a plan from the signup mix (partners bring bigger accounts), maybe a trial and a coupon.
            var key = random.Pick(DemoPlanCatalog.SignupMix);
            if (channel == "partner" && random.Chance(0.3))
            {
                key = random.Chance(0.5) ? "business_monthly" : "team_monthly";
            }

            var plan = g.FindPlan(key, currency)!;
            var seats = plan.Spec.PerSeat ? Math.Clamp((int)Math.Round(random.LogNormal(5, 0.8)), 2, 80) : 1;
            var start = created.AddSeconds(random.Next(5, 1800));
            if (start >= end)
            {
                start = created;
            }

            var trial = plan.Spec.Cycle == Cycle.Annual ? random.Chance(0.15) : random.Chance(0.65);
            var terms = new Terms(plan, seats, [], StartingCoupon(plan, start, trial, channel));
            var salesLed = plan.Spec.Family == PlanFamily.Business || seats >= 10 || random.Chance(0.08);

            var outcome = SimulateSubscription(start, terms, trial);
            var firstPaid = outcome.PaidFrom;
            var subscriptionCount = 1;
            while (subscriptionCount < 4 && outcome.Subscription.CanceledAt is { } endedAt)
            {
                // Customers who paid may come back (reactivation); trial leavers sometimes try again later.
                var paid = outcome.PaidFrom is not null;
                var comeBack = paid ? random.Chance(outcome.Involuntary ? 0.25 : 0.18) : random.Chance(0.08);
                if (!comeBack)
                {
                    break;
                }

                var returnAt = Whole(endedAt.AddDays((paid ? 14 : 30) + random.Exponential(paid ? 75 : 60)));
                if (returnAt >= end)
                {
                    break;
                }

                var family = outcome.Subscription.States[^1] is { } last ? FamilyOf(last.PlanId) : PlanFamily.Starter;
                if (family is PlanFamily.Business or PlanFamily.Growth && random.Chance(0.3))
                {
                    family = family == PlanFamily.Business ? PlanFamily.Growth : PlanFamily.Starter;
                }

                var returnPlan = g.FindPlan(family, Cycle.Monthly, currency) ?? g.FindPlan("starter_monthly", currency)!;
                var returnSeats = returnPlan.Spec.PerSeat ? Math.Clamp((int)Math.Round(random.LogNormal(4, 0.7)), 2, 60) : 1;
                var coupon = paid && random.Chance(0.35) ? new Coupon("WINBACK30", 30, 0, 3, returnAt) : null;
                var returnTrial = !paid && random.Chance(0.7);
                outcome = SimulateSubscription(returnAt, new Terms(returnPlan, returnSeats, [], coupon), returnTrial);
                firstPaid ??= outcome.PaidFrom;
                subscriptionCount++;
            }

            WriteAttributes(channel, industry, salesLed, created, firstPaid, lastMain!);
            WriteCancellationEvents();
            MaterializeMoney();
        }

        private PlanFamily FamilyOf(long planId) =>
            g.plansById.TryGetValue(planId, out var plan) ? plan.Spec.Family : PlanFamily.Starter;

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

        private Coupon? StartingCoupon(DemoPlan plan, DateTimeOffset start, bool trial, string channel)
        {
            var applied = trial ? start.AddDays(14) : start;
            if (channel == "partner" && random.Chance(0.08))
            {
                return new Coupon("PARTNER100", 100, 0, 0, applied);
            }

            var x = random.NextDouble();
            return x switch
            {
                < 0.05 => new Coupon("LAUNCH20", 20, 0, 0, applied),
                < 0.11 => new Coupon("HALFOFF3", 50, 0, 3, applied),
                < 0.14 when plan.Spec.Cycle == Cycle.Monthly => new Coupon("FIRSTMONTHFREE", 100, 0, 1, applied),
                < 0.16 when plan.Spec.Cycle != Cycle.Weekly => new Coupon("TAKE10", 0, DemoPlanCatalog.Localize(1_000, currency), 0, applied),
                < 0.165 => new Coupon("FRIENDS100", 100, 0, 0, applied),
                _ => null,
            };
        }

        private long AddOnPeriodAmount(AddOnKind kind, DemoPlan plan)
        {
            var monthly = DemoPlanCatalog.Localize(DemoPlanCatalog.AddOnMonthlyUsd(kind), currency);
            return plan.Spec.Cycle switch
            {
                Cycle.Annual => monthly * 10,
                Cycle.Quarterly => monthly * 3,
                Cycle.Weekly => monthly / 4,
                _ => monthly,
            };
        }

        private long GrossAmount(Terms terms)
        {
            var amount = terms.Plan.Amount * terms.Quantity;
            foreach (var addOn in terms.AddOns)
            {
                amount += AddOnPeriodAmount(addOn.Kind, terms.Plan) * addOn.Quantity;
            }

            return amount;
        }

        private long Discount(Terms terms)
        {
            if (terms.Coupon is not { } coupon)
            {
                return 0;
            }

            var gross = GrossAmount(terms);
            return coupon.PercentOff > 0
                ? (long)Math.Round(gross * coupon.PercentOff / 100m, MidpointRounding.AwayFromZero)
                : Math.Min(gross, coupon.AmountOffMinor);
        }

        private long PeriodAmount(Terms terms) => Math.Max(0, GrossAmount(terms) - Discount(terms));

        private double TrialConversion(PlanFamily family) => Math.Min(0.95, conversionFactor * family switch
        {
            PlanFamily.Starter => 0.52,
            PlanFamily.Growth => 0.48,
            PlanFamily.Business => 0.42,
            PlanFamily.Team => 0.5,
            _ => 0.55,
        });

        /// <summary>Probability that the customer asks to cancel during one period of <paramref name="plan"/>.</summary>
        private double CancelProbability(DemoPlan plan)
        {
            if (plan.Spec.Cycle == Cycle.Annual)
            {
                var notRenewing = plan.Spec.Family switch
                {
                    PlanFamily.Starter => 0.3,
                    PlanFamily.Growth => 0.2,
                    PlanFamily.Business => 0.12,
                    _ => 0.15,
                };
                return Math.Min(0.9, notRenewing * churnFactor);
            }

            var monthly = plan.Spec.Family switch
            {
                PlanFamily.Starter => 0.045,
                PlanFamily.Growth => plan.Spec.Cycle == Cycle.Quarterly ? 0.025 : 0.028,
                PlanFamily.Business => 0.016,
                PlanFamily.Team => 0.022,
                _ => 0.12,
            };
            return PerPeriod(Math.Min(0.9, monthly * churnFactor), plan.Spec.Months);
        }

        private static double PerPeriod(double monthlyHazard, double months) => 1 - Math.Pow(1 - monthlyHazard, months);

        private Subscription NewSubscription(DateTimeOffset start)
        {
            var subscription = new Subscription
            {
                Id = ++ids.Subscription,
                SourceId = SourceId,
                ExternalId = ExternalId("sub_", ids.Subscription),
                CustomerId = customer.Id,
                StartedAt = start,
            };
            subscriptions.Add(subscription);
            return subscription;
        }

        /// <summary>Runs one subscription from its start until it ends or history does; returns when payment started.</summary>
        private SubscriptionOutcome SimulateSubscription(DateTimeOffset start, Terms terms, bool trial)
        {
            var subscription = NewSubscription(start);
            lastMain = subscription;
            var states = new List<PendingState>();
            var outcome = Simulate(subscription, states, start, terms, trial);
            Materialize(subscription, states);
            if (outcome.PaidFrom is { } paidFrom)
            {
                AfterFirstPayment(subscription, terms.Plan, paidFrom);
            }

            return outcome;
        }

        private SubscriptionOutcome Simulate(Subscription subscription, List<PendingState> states, DateTimeOffset start, Terms terms, bool trial)
        {
            DateTimeOffset anchor = start;
            if (trial)
            {
                var trialEnd = start.AddDays(14);
                subscription.TrialEnd = trialEnd;
                Put(states, start, terms, SubscriptionStatus.Trialing);
                if (trialEnd >= end)
                {
                    return new(subscription, null, false);
                }

                if (!random.Chance(TrialConversion(terms.Plan.Spec.Family)))
                {
                    if (random.Chance(0.4))
                    {
                        subscription.CancelRequestedAt = start.AddSeconds(random.Next(3_600, 13 * 86_400));
                    }

                    subscription.CanceledAt = trialEnd;
                    Put(states, trialEnd, terms, SubscriptionStatus.Canceled);
                    return new(subscription, null, false);
                }

                anchor = trialEnd;
            }

            DateTimeOffset? paidFrom = null;
            Terms? scheduled = null;
            var k = 0;
            var periodStart = anchor;
            Put(states, periodStart, terms, SubscriptionStatus.Active);
            while (true)
            {
                var periodEnd = terms.Plan.PeriodStart(anchor, k + 1);
                var amount = PeriodAmount(terms);
                ChargeRecord? periodCharge = null;
                var pastDue = false;
                if (amount > 0)
                {
                    var at = periodStart.AddSeconds(random.Next(20, 3_000));
                    if (at >= end)
                    {
                        at = periodStart;
                    }

                    var failure = terms.Plan.Spec.Cycle == Cycle.Annual ? 0.06 : terms.Plan.Spec.Family == PlanFamily.Starter ? 0.045 : 0.03;
                    if (paidFrom is not null && random.Chance(failure))
                    {
                        pastDue = true;
                        AddCharge(subscription.Id, amount, at, ChargeStatus.Failed, ChargeKind.Recurring);
                        Put(states, periodStart, terms, SubscriptionStatus.PastDue);
                        int[] retryDays = terms.Plan.Spec.Cycle == Cycle.Weekly ? [1, 3, 5] : [3, 7, 14];
                        var cancelAfterDays = terms.Plan.Spec.Cycle == Cycle.Weekly ? 6 : 21;
                        var recoverOn = random.Chance(0.68) ? random.Next(0, retryDays.Length) : -1;
                        for (var attempt = 0; attempt < retryDays.Length; attempt++)
                        {
                            var retryAt = periodStart.AddDays(retryDays[attempt]).AddSeconds(random.Next(0, 7_200));
                            if (retryAt >= end)
                            {
                                return new(subscription, paidFrom, false);
                            }

                            if (attempt == recoverOn)
                            {
                                periodCharge = AddCharge(subscription.Id, amount, retryAt, ChargeStatus.Paid, ChargeKind.Recurring);
                                Put(states, retryAt, terms, SubscriptionStatus.Active);
                                break;
                            }

                            AddCharge(subscription.Id, amount, retryAt, ChargeStatus.Failed, ChargeKind.Recurring);
                        }

                        if (recoverOn < 0)
                        {
                            var canceledAt = periodStart.AddDays(cancelAfterDays);
                            if (canceledAt >= end)
                            {
                                return new(subscription, paidFrom, false);
                            }

                            subscription.CanceledAt = canceledAt;
                            Put(states, canceledAt, terms, SubscriptionStatus.Canceled);
                            return new(subscription, paidFrom, true);
                        }
                    }
                    else
                    {
                        periodCharge = AddCharge(subscription.Id, amount, at, ChargeStatus.Paid, ChargeKind.Recurring);
                        paidFrom ??= periodStart;
                        MaybeRefund(periodCharge);
                    }
                }

                if (!pastDue)
                {
                    // Mid-period events happen after the period's charge, so nothing is billed after a cancellation.
                    var span = periodEnd - periodStart;
                    var floor = (periodCharge?.Charge.CreatedAt ?? periodStart).AddMinutes(1);
                    var room = periodEnd - floor;
                    DateTimeOffset? cancelAt = random.Chance(CancelProbability(terms.Plan))
                        ? Whole(floor + room * random.NextDouble())
                        : null;
                    var change = SampleChange(terms);
                    var changeAt = Whole(floor + room * random.NextDouble());
                    if (cancelAt is { } requestedAt && (change == Change.None || requestedAt <= changeAt))
                    {
                        if (requestedAt >= end)
                        {
                            return new(subscription, paidFrom, false);
                        }

                        subscription.CancelRequestedAt = requestedAt;
                        if (random.Chance(0.15))
                        {
                            // Cancelled at once; half of them get the unused part of the period back.
                            subscription.CanceledAt = requestedAt;
                            Put(states, requestedAt, terms, SubscriptionStatus.Canceled);
                            if (periodCharge is not null && random.Chance(0.5))
                            {
                                var unused = (long)Math.Round(periodCharge.Charge.AmountMinor * ((periodEnd - requestedAt) / span));
                                AddRefund(periodCharge, unused, requestedAt.AddSeconds(random.Next(60, 3_600)));
                            }

                            return new(subscription, paidFrom, false);
                        }

                        if (periodEnd >= end)
                        {
                            return new(subscription, paidFrom, false);
                        }

                        subscription.CanceledAt = periodEnd;
                        Put(states, periodEnd, terms, SubscriptionStatus.Canceled);
                        return new(subscription, paidFrom, false);
                    }

                    if (change != Change.None && changeAt < end)
                    {
                        var (changed, immediate) = Apply(terms, change);
                        if (immediate)
                        {
                            var difference = PeriodAmount(changed) - PeriodAmount(terms);
                            Put(states, changeAt, changed, SubscriptionStatus.Active);
                            var prorated = (long)Math.Round(difference * ((periodEnd - changeAt) / span));
                            if (prorated >= 50)
                            {
                                AddCharge(subscription.Id, prorated, changeAt, ChargeStatus.Paid, ChargeKind.Recurring);
                            }

                            terms = changed;
                        }
                        else
                        {
                            scheduled = changed;
                        }
                    }
                }

                if (periodEnd >= end)
                {
                    return new(subscription, paidFrom, false);
                }

                periodStart = periodEnd;
                k++;
                var next = scheduled ?? terms;
                scheduled = null;
                if (next.Coupon is { } coupon && coupon.ExpiredAt(periodStart))
                {
                    next = next with { Coupon = null };
                }

                if (next.Plan.Spec.Cycle != terms.Plan.Spec.Cycle)
                {
                    anchor = periodStart;
                    k = 0;
                }

                terms = next;
                Put(states, periodStart, terms, SubscriptionStatus.Active);
            }
        }

        private Change SampleChange(Terms terms)
        {
            var months = terms.Plan.Spec.Months;
            bool Fires(double monthlyHazard) => random.Chance(PerPeriod(monthlyHazard, months));
            var spec = terms.Plan.Spec;
            var hasStorage = Array.Exists(terms.AddOns, a => a.Kind == AddOnKind.ExtraStorage);
            var hasSupport = Array.Exists(terms.AddOns, a => a.Kind == AddOnKind.PrioritySupport);
            var hasSso = Array.Exists(terms.AddOns, a => a.Kind == AddOnKind.SingleSignOn);
            switch (spec.Family)
            {
                case PlanFamily.Starter when Fires(0.02 / churnFactor):
                    return Change.Upgrade;
                case PlanFamily.Growth when spec.Cycle != Cycle.Quarterly && Fires(0.011):
                    return Change.Upgrade;
                case PlanFamily.Growth when spec.Cycle != Cycle.Quarterly && Fires(0.009 * churnFactor):
                    return Change.Downgrade;
                case PlanFamily.Business when Fires(0.007 * churnFactor):
                    return Change.Downgrade;
                case PlanFamily.Team when Fires(0.07):
                    return Change.SeatsUp;
                case PlanFamily.Team when terms.Quantity > 1 && Fires(0.03 * churnFactor):
                    return Change.SeatsDown;
                case PlanFamily.Sprint when Fires(0.03):
                    return Change.SprintToStarter;
            }

            if (spec.Family is PlanFamily.Growth or PlanFamily.Business or PlanFamily.Team && spec.Cycle != Cycle.Weekly)
            {
                if (!hasSupport && Fires(0.008))
                {
                    return Change.AddPrioritySupport;
                }

                if (!hasStorage && Fires(0.008))
                {
                    return Change.AddStorage;
                }

                if (hasStorage && Fires(0.02))
                {
                    return Change.MoreStorage;
                }

                if (spec.Family == PlanFamily.Business && !hasSso && Fires(0.01))
                {
                    return Change.AddSso;
                }
            }

            if (terms.AddOns.Length > 0 && Fires(0.012))
            {
                return Change.RemoveAddOn;
            }

            if (spec.Cycle == Cycle.Monthly && spec.Family != PlanFamily.Usage && Fires(0.008))
            {
                return Change.ToAnnual;
            }

            return Change.None;
        }

        /// <summary>The terms after <paramref name="change"/> and whether they apply at once (with proration) or from the next period.</summary>
        private (Terms Terms, bool Immediate) Apply(Terms terms, Change change)
        {
            var spec = terms.Plan.Spec;
            switch (change)
            {
                case Change.Upgrade:
                {
                    var family = spec.Family == PlanFamily.Starter ? PlanFamily.Growth : PlanFamily.Business;
                    var plan = g.FindPlan(family, spec.Cycle, currency);
                    return plan is null ? (terms, false) : (terms with { Plan = plan }, true);
                }

                case Change.Downgrade:
                {
                    var family = spec.Family == PlanFamily.Business ? PlanFamily.Growth : PlanFamily.Starter;
                    var plan = g.FindPlan(family, spec.Cycle, currency);
                    var addOns = Array.FindAll(terms.AddOns, a => a.Kind != AddOnKind.SingleSignOn);
                    return plan is null ? (terms, false) : (terms with { Plan = plan, AddOns = addOns }, false);
                }

                case Change.SeatsUp:
                    return (terms with { Quantity = terms.Quantity + random.Next(1, 4) }, true);
                case Change.SeatsDown:
                    return (terms with { Quantity = Math.Max(1, terms.Quantity - random.Next(1, 3)) }, false);
                case Change.AddPrioritySupport:
                    return (WithAddOn(terms, AddOnKind.PrioritySupport, 1), true);
                case Change.AddStorage:
                    return (WithAddOn(terms, AddOnKind.ExtraStorage, random.Next(1, 4)), true);
                case Change.AddSso:
                    return (WithAddOn(terms, AddOnKind.SingleSignOn, 1), true);
                case Change.MoreStorage:
                {
                    var addOns = Array.ConvertAll(terms.AddOns, a => a.Kind == AddOnKind.ExtraStorage ? a with { Quantity = a.Quantity + 1 } : a);
                    return (terms with { AddOns = addOns }, true);
                }

                case Change.RemoveAddOn:
                {
                    var drop = random.Next(0, terms.AddOns.Length);
                    var addOns = terms.AddOns.Where((_, i) => i != drop).ToArray();
                    return (terms with { AddOns = addOns }, false);
                }

                case Change.ToAnnual:
                {
                    var plan = g.FindPlan(spec.Family, Cycle.Annual, currency);
                    return plan is null ? (terms, false) : (terms with { Plan = plan }, false);
                }

                case Change.SprintToStarter:
                    return (terms with { Plan = g.FindPlan("starter_monthly", currency)!, Quantity = 1 }, false);
                default:
                    return (terms, false);
            }
        }

        private Terms WithAddOn(Terms terms, AddOnKind kind, int quantity)
        {
            var addOns = new AddOnTerm[terms.AddOns.Length + 1];
            terms.AddOns.CopyTo(addOns, 0);
            addOns[^1] = new AddOnTerm(ExternalId("si_", ++ids.AddOnItem), kind, quantity);
            return terms with { AddOns = addOns };
        }

        /// <summary>Drops sub-second ticks: every instant is a whole second, like processors' Unix timestamps (and exact in PostgreSQL).</summary>
        private static DateTimeOffset Whole(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

        private static void Put(List<PendingState> states, DateTimeOffset at, Terms terms, SubscriptionStatus status)
        {
            if (states.Count > 0)
            {
                var last = states[^1];
                if (last.At > at)
                {
                    throw new InvalidOperationException("Demo subscription states must be appended in time order.");
                }

                if (last.At == at)
                {
                    states[^1] = new PendingState(at, terms, status);
                    if (states.Count > 1 && states[^2].Status == status && states[^2].Terms.SameAs(terms))
                    {
                        states.RemoveAt(states.Count - 1);
                    }

                    return;
                }

                if (last.Status == status && last.Terms.SameAs(terms))
                {
                    return;
                }
            }

            states.Add(new PendingState(at, terms, status));
        }

        private void Materialize(Subscription subscription, List<PendingState> states)
        {
            batch.Subscriptions.Add(subscription);
            foreach (var pending in states)
            {
                var state = new SubscriptionState
                {
                    Id = ++ids.State,
                    SubscriptionId = subscription.Id,
                    EffectiveFrom = pending.At,
                    PlanId = pending.Terms.Plan.Plan.Id,
                    Quantity = pending.Terms.Quantity,
                    DiscountMinor = Discount(pending.Terms),
                    Status = pending.Status,
                };
                foreach (var addOn in pending.Terms.AddOns)
                {
                    var row = new SubscriptionAddOn
                    {
                        Id = ++ids.AddOn,
                        SubscriptionStateId = state.Id,
                        ExternalId = addOn.ExternalId,
                        AmountMinor = AddOnPeriodAmount(addOn.Kind, pending.Terms.Plan),
                        Quantity = addOn.Quantity,
                    };
                    state.AddOns.Add(row);
                    batch.AddOns.Add(row);
                }

                subscription.States.Add(state);
                batch.States.Add(state);
            }
        }

        /// <summary>Setup fees, one-off services and a usage subscription, once a subscription is paying.</summary>
        private void AfterFirstPayment(Subscription main, DemoPlan plan, DateTimeOffset paidFrom)
        {
            if (extrasDone)
            {
                return;
            }

            extrasDone = true;

            var family = plan.Spec.Family;
            if (family == PlanFamily.Business && random.Chance(0.4))
            {
                var fee = AddCharge(main.Id, DemoPlanCatalog.Localize(49_900, currency), paidFrom.AddSeconds(random.Next(3_000, 3_600)), ChargeStatus.Paid, ChargeKind.OneTime);
                if (random.Chance(0.05))
                {
                    AddRefund(fee, fee.Charge.AmountMinor, fee.Charge.CreatedAt.AddDays(random.Next(2, 20)));
                }
            }

            var endOrToday = main.CanceledAt ?? end;
            if (random.Chance(0.03))
            {
                var at = Whole(paidFrom.AddDays(random.Between(1, 40)));
                if (at < endOrToday)
                {
                    AddCharge(null, DemoPlanCatalog.Localize(14_900, currency), at, ChargeStatus.Paid, ChargeKind.OneTime);
                }
            }

            if (family is PlanFamily.Growth or PlanFamily.Business && random.Chance(0.18) && (main.CanceledAt is not { } c || c > paidFrom.AddSeconds(1)))
            {
                SimulateUsage(paidFrom.AddSeconds(1), main.CanceledAt, family);
            }
        }

        /// <summary>A metered companion subscription billed monthly in arrears; it ends with the main subscription.</summary>
        private void SimulateUsage(DateTimeOffset start, DateTimeOffset? canceledAt, PlanFamily family)
        {
            var plan = g.FindPlan("api_usage", currency)!;
            var subscription = NewSubscription(start);
            var terms = new Terms(plan, 1, [], null);
            var states = new List<PendingState>();
            Put(states, start, terms, SubscriptionStatus.Active);
            var median = DemoPlanCatalog.Localize(family == PlanFamily.Business ? 16_000 : 4_500, currency);
            for (var k = 1; ; k++)
            {
                // Usage is billed at each period end, and a last time when the subscription ends mid-period.
                var periodEnd = plan.PeriodStart(start, k);
                var billedAt = canceledAt is { } c0 && c0 <= periodEnd ? c0 : periodEnd;
                if (billedAt >= end)
                {
                    break;
                }

                var usage = (long)Math.Round(random.LogNormal(median * (1 + 0.03 * k), 0.5));
                var at = billedAt == periodEnd ? billedAt.AddSeconds(random.Next(60, 3_000)) : billedAt;
                if (usage >= 50)
                {
                    AddCharge(subscription.Id, usage, at < end ? at : billedAt, ChargeStatus.Paid, ChargeKind.Metered);
                }

                if (billedAt != periodEnd)
                {
                    break;
                }
            }

            if (canceledAt is { } c)
            {
                subscription.CanceledAt = c;
                Put(states, c, terms, SubscriptionStatus.Canceled);
            }

            Materialize(subscription, states);
        }

        private ChargeRecord AddCharge(long? subscriptionId, long amount, DateTimeOffset at, ChargeStatus status, ChargeKind kind)
        {
            var charge = new Charge
            {
                SourceId = SourceId,
                ExternalId = string.Empty,
                CustomerId = customer.Id,
                SubscriptionId = subscriptionId,
                AmountMinor = amount,
                FeeMinor = status == ChargeStatus.Paid ? (long)Math.Round(amount * 0.029m, MidpointRounding.AwayFromZero) + 30 : 0,
                Currency = currency,
                CreatedAt = Whole(at),
                Status = status,
                Kind = kind,
            };
            var record = new ChargeRecord(charge, charges.Count);
            charges.Add(record);
            return record;
        }

        private void MaybeRefund(ChargeRecord charge)
        {
            var x = random.NextDouble();
            if (x < 0.006)
            {
                AddRefund(charge, charge.Charge.AmountMinor, charge.Charge.CreatedAt.AddHours(1 + random.Exponential(96)));
            }
            else if (x < 0.018)
            {
                var part = (long)Math.Round(charge.Charge.AmountMinor * random.Between(0.1, 0.5));
                AddRefund(charge, part, charge.Charge.CreatedAt.AddHours(1 + random.Exponential(96)));
            }
        }

        private void AddRefund(ChargeRecord charge, long amount, DateTimeOffset at)
        {
            amount = Math.Min(amount, charge.Charge.AmountMinor - charge.Refunded);
            if (amount <= 0 || at >= end || charge.Charge.Status != ChargeStatus.Paid)
            {
                return;
            }

            charge.Refunded += amount;
            refunds.Add(new PendingRefund(charge, amount, Whole(at), refunds.Count));
        }

        private void WriteCancellationEvents()
        {
            if (!g.Options.IncludeCancellationInsights)
            {
                return;
            }

            foreach (var subscription in subscriptions)
            {
                if (subscription.CancelRequestedAt is not { } at || !random.Chance(0.7))
                {
                    continue;
                }

                var reason = random.Pick(DemoVocabulary.CancellationReasons);
                var reasonIndex = Array.FindIndex(DemoVocabulary.CancellationReasons, r => r.Item == reason);
                batch.CancellationEvents.Add(new CancellationEvent
                {
                    Id = ++ids.CancellationEvent,
                    CustomerId = customer.Id,
                    ReasonId = g.reasonIds[reasonIndex],
                    Comment = random.Chance(0.25) ? random.Pick(DemoVocabulary.CancellationComments) : null,
                    OccurredAt = at,
                    SubscriptionExternalIds = subscription.ExternalId,
                });
            }
        }

        private void WriteAttributes(string channel, string industry, bool salesLed, DateTimeOffset created, DateTimeOffset? firstPaid, Subscription last)
        {
            var (medium, campaign) = DemoVocabulary.Campaign(channel, random, created.Year);
            Attribute("utm_source", channel);
            if (medium is not null)
            {
                Attribute("utm_medium", medium);
            }

            if (campaign is not null)
            {
                Attribute("utm_campaign", campaign);
            }

            if (salesLed)
            {
                Attribute("crm_owner", random.Pick(DemoVocabulary.CrmOwners));
            }

            Attribute("industry", industry);

            var lastState = last.States[^1];
            var activeUntil = last.CanceledAt ?? end;
            var activeDays = firstPaid is { } paid ? Math.Max(0, (activeUntil - paid).TotalDays) : random.Between(0, 14);
            var perDay = random.LogNormal(lastState.Quantity > 1 ? 1.5 * lastState.Quantity : 2.5, 0.9);
            Attribute("files_uploaded", ((long)Math.Round(activeDays * perDay)).ToString(CultureInfo.InvariantCulture));
            var seats = lastState.Quantity > 1
                ? Math.Max(1, lastState.Quantity - random.Next(0, 3))
                : random.Next(1, 6);
            Attribute("seats_used", seats.ToString(CultureInfo.InvariantCulture));
            Attribute("signup_date", created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Attribute("newsletter_opt_in", random.Chance(channel == "newsletter" ? 0.95 : 0.4) ? "true" : "false");
        }

        private void Attribute(string key, string value)
        {
            var attribute = new CustomerAttribute { CustomerId = customer.Id, FieldId = g.fieldIds[key], Value = value };
            customer.Attributes.Add(attribute);
            batch.Attributes.Add(attribute);
        }

        /// <summary>Gives the customer's charges and refunds their ids in time order and adds them to the batch.</summary>
        private void MaterializeMoney()
        {
            charges.Sort(static (a, b) =>
            {
                var c = a.Charge.CreatedAt.CompareTo(b.Charge.CreatedAt);
                return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
            });
            foreach (var record in charges)
            {
                record.Charge.Id = ++ids.Charge;
                record.Charge.ExternalId = ExternalId("ch_", record.Charge.Id);
                batch.Charges.Add(record.Charge);
            }

            refunds.Sort(static (a, b) =>
            {
                var c = a.At.CompareTo(b.At);
                return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
            });
            foreach (var pending in refunds)
            {
                var refund = new Refund
                {
                    Id = ++ids.Refund,
                    SourceId = SourceId,
                    ExternalId = string.Empty,
                    ChargeId = pending.Charge.Charge.Id,
                    AmountMinor = pending.Amount,
                    Currency = pending.Charge.Charge.Currency,
                    CreatedAt = pending.At,
                };
                refund.ExternalId = ExternalId("re_", refund.Id);
                batch.Refunds.Add(refund);
            }
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
}
