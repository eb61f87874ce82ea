using System.Runtime.InteropServices;
using Dashboard.Core.Billing;
using Dashboard.Core.Money;

namespace Dashboard.Core.Timelines;

/// <summary>
/// Collects billing rows one by one (so a store loader can stream millions of rows without building entity graphs)
/// and compiles them into a <see cref="TimelineSet"/>.
/// <para>Order of calls: <see cref="AddFxRate"/> before the charges and refunds that need converting (cash is
/// converted as it arrives); everything else in any order. Rows arriving grouped by customer id (subscriptions,
/// charges, refunds, attributes) and states grouped by subscription id avoid a sort in <see cref="Build"/>.</para>
/// <para>Every id is the store's primary key. A row naming an unknown customer, subscription, plan or field makes
/// <see cref="Build"/> throw <see cref="InvalidOperationException"/>; a charge needing a missing FX rate throws
/// <see cref="MissingFxRateException"/> at once.</para>
/// </summary>
public sealed class TimelineBuilder
{
    private readonly Dictionary<long, PlanInfo> plans = [];
    private readonly List<PlanInfo> planList = [];
    private readonly Dictionary<long, FieldInfo> fields = [];
    private readonly List<FieldInfo> fieldList = [];
    private readonly Dictionary<long, long> addOnTotals = [];
    private readonly Dictionary<string, string> valuePool = new(StringComparer.Ordinal);
    private readonly List<CustomerRow> customers = [];
    private readonly List<AttributeRow> attributes = [];
    private readonly List<SubscriptionRow> subscriptions = [];
    private readonly List<StateRow> states = [];
    private readonly List<CashRow> cash = [];

    public TimelineBuilder(MetricSettings? settings = null)
    {
        Settings = settings ?? new MetricSettings();
        var reporting = Currency.Normalize(Settings.ReportingCurrency);
        Settings = Settings with { ReportingCurrency = reporting };
        Calendar = new ReportingCalendar(Settings.TimeZone);
        Fx = new FxTable(reporting);
    }

    /// <summary>A builder for incremental updates: knows the plans, fields and rates of <paramref name="current"/>.</summary>
    public static TimelineBuilder ForUpdate(TimelineSet current)
    {
        var builder = new TimelineBuilder(current.Settings);
        foreach (var plan in current.Plans)
        {
            builder.AddPlan(plan.Id, plan.ExternalId, plan.Name, plan.Currency, plan.AmountMinor, plan.Interval, plan.IntervalCount, plan.IsMetered);
        }

        foreach (var field in current.Fields)
        {
            builder.AddAttributeField(field.Id, field.Key, field.Type);
        }

        foreach (var (currency, date, rate) in current.Fx.All())
        {
            builder.AddFxRate(date, currency, rate);
        }

        return builder;
    }

    public MetricSettings Settings { get; }

    public ReportingCalendar Calendar { get; }

    public FxTable Fx { get; }

    /// <summary>
    /// Sizes the row buffers up front when the loader knows the row counts, so a million-customer load does not keep
    /// a half-size copy of every buffer alive while it grows.
    /// </summary>
    public void EnsureCapacity(int customers, int subscriptions, int states, int cashEntries)
    {
        this.customers.EnsureCapacity(customers);
        this.subscriptions.EnsureCapacity(subscriptions);
        this.states.EnsureCapacity(states);
        cash.EnsureCapacity(cashEntries);
    }

    /// <summary>The number of customers added so far.</summary>
    public int CustomerCount => customers.Count;

    /// <summary>1 unit of <paramref name="currency"/> = <paramref name="rate"/> units of the reporting currency on <paramref name="date"/>.</summary>
    public void AddFxRate(DateOnly date, string currency, decimal rate) => Fx.Add(Currency.Normalize(currency), date, rate);

    public void AddPlan(long planId, string externalId, string name, string currency, long amountMinor,
        BillingInterval interval, int intervalCount, bool isMetered)
    {
        if (intervalCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalCount), intervalCount, $"Plan {externalId} must have an interval count of at least 1.");
        }

        var index = plans.TryGetValue(planId, out var existing) ? existing.Index : planList.Count;
        var plan = new PlanInfo(index, planId, externalId, name, Currency.Normalize(currency), amountMinor, interval, intervalCount, isMetered);
        plans[planId] = plan;
        if (index == planList.Count)
        {
            planList.Add(plan);
        }
        else
        {
            planList[index] = plan;
        }
    }

    public void AddPlan(Plan plan) =>
        AddPlan(plan.Id, plan.ExternalId, plan.Name, plan.Currency, plan.AmountMinor, plan.Interval, plan.IntervalCount, plan.IsMetered);

    /// <summary>Declares a custom attribute field; <paramref name="key"/> is what segment filters name.</summary>
    public void AddAttributeField(long fieldId, string key, AttributeType type)
    {
        var ordinal = fields.TryGetValue(fieldId, out var existing) ? existing.Ordinal : fieldList.Count;
        var field = new FieldInfo(ordinal, fieldId, key, type);
        fields[fieldId] = field;
        if (ordinal == fieldList.Count)
        {
            fieldList.Add(field);
        }
        else
        {
            fieldList[ordinal] = field;
        }
    }

    public void AddCustomer(long customerId, long sourceId, string externalId, string? name = null, string? email = null,
        string? country = null, string? currency = null) =>
        customers.Add(new CustomerRow(customerId, sourceId, externalId, name, email, Intern(country?.ToUpperInvariant()), Intern(currency?.ToUpperInvariant())));

    public void AddCustomer(Customer customer) =>
        AddCustomer(customer.Id, customer.SourceId, customer.ExternalId, customer.Name, customer.Email, customer.Country, customer.Currency);

    /// <summary>A customer's value of a field, as the invariant text stored in <see cref="CustomerAttribute.Value"/>.</summary>
    public void AddCustomerAttribute(long customerId, long fieldId, string value) =>
        attributes.Add(new AttributeRow(customerId, fieldId, Intern(value)!));

    public void AddSubscription(long subscriptionId, long customerId, string externalId, DateTimeOffset startedAt,
        DateTimeOffset? trialEnd = null, DateTimeOffset? canceledAt = null, DateTimeOffset? cancelRequestedAt = null) =>
        subscriptions.Add(new SubscriptionRow(subscriptionId, customerId, externalId, startedAt, trialEnd, canceledAt, cancelRequestedAt));

    public void AddSubscription(Subscription s) =>
        AddSubscription(s.Id, s.CustomerId, s.ExternalId, s.StartedAt, s.TrialEnd, s.CanceledAt, s.CancelRequestedAt);

    /// <param name="amountMinor">The main item's billed amount per period, when the source gave one (see <see cref="SubscriptionState.AmountMinor"/>).</param>
    /// <param name="currency">The currency of the state's amounts when not the plan's (only with <paramref name="amountMinor"/>).</param>
    public void AddSubscriptionState(long stateId, long subscriptionId, DateTimeOffset effectiveFrom, long planId,
        int quantity = 1, long discountMinor = 0, SubscriptionStatus status = SubscriptionStatus.Active,
        long? amountMinor = null, string? currency = null) =>
        states.Add(new StateRow(stateId, subscriptionId, effectiveFrom, planId, quantity, discountMinor, status,
            amountMinor, currency is null ? null : Intern(Currency.Normalize(currency))));

    public void AddSubscriptionState(SubscriptionState s) =>
        AddSubscriptionState(s.Id, s.SubscriptionId, s.EffectiveFrom, s.PlanId, s.Quantity, s.DiscountMinor, s.Status, s.AmountMinor, s.Currency);

    /// <summary>An add-on of a subscription state, priced per billing period in the state's currency.</summary>
    public void AddAddOn(long stateId, long amountMinor, int quantity = 1) =>
        addOnTotals[stateId] = checked(addOnTotals.GetValueOrDefault(stateId) + amountMinor * quantity);

    public void AddCharge(long customerId, long amountMinor, long feeMinor, string currency, DateTimeOffset createdAt,
        ChargeStatus status, ChargeKind kind)
    {
        var day = Calendar.DayOf(createdAt);
        var factor = Fx.MinorFactor(Currency.Normalize(currency), day);
        var entryKind = status == ChargeStatus.Paid ? CashEntryKind.PaidCharge : CashEntryKind.FailedCharge;
        cash.Add(new CashRow(customerId, new CashEntry(day, entryKind, kind, Convert(amountMinor, factor), Convert(feeMinor, factor))));
    }

    public void AddCharge(Charge c) => AddCharge(c.CustomerId, c.AmountMinor, c.FeeMinor, c.Currency, c.CreatedAt, c.Status, c.Kind);

    /// <param name="customerId">The customer of the refunded charge (join refunds to charges in the loader's query).</param>
    public void AddRefund(long customerId, long amountMinor, string currency, DateTimeOffset createdAt)
    {
        var day = Calendar.DayOf(createdAt);
        var factor = Fx.MinorFactor(Currency.Normalize(currency), day);
        cash.Add(new CashRow(customerId, new CashEntry(day, CashEntryKind.Refund, ChargeKind.Recurring, Convert(amountMinor, factor), 0)));
    }

    /// <summary>A dispute (chargeback) lost on <paramref name="lostAt"/>: counted like a refund on that day, in <c>disputes</c>.</summary>
    /// <param name="customerId">The customer of the disputed charge.</param>
    public void AddDispute(long customerId, long amountMinor, string currency, DateTimeOffset lostAt)
    {
        var day = Calendar.DayOf(lostAt);
        var factor = Fx.MinorFactor(Currency.Normalize(currency), day);
        cash.Add(new CashRow(customerId, new CashEntry(day, CashEntryKind.Dispute, ChargeKind.Recurring, Convert(amountMinor, factor), 0)));
    }

    /// <summary>A refund or a lost dispute, by its <see cref="Refund.Kind"/>.</summary>
    public void AddRefund(long customerId, long amountMinor, string currency, DateTimeOffset createdAt, RefundKind kind)
    {
        if (kind == RefundKind.Dispute)
        {
            AddDispute(customerId, amountMinor, currency, createdAt);
        }
        else
        {
            AddRefund(customerId, amountMinor, currency, createdAt);
        }
    }

    /// <summary>Compiles every customer's timeline (in parallel) and the unfiltered daily totals.</summary>
    public TimelineSet Build()
    {
        var dictionary = new ColumnDictionary();
        return new(Settings, Calendar, Fx, [.. planList], [.. fieldList], dictionary, CompileChunks(dictionary), null);
    }

    internal PlanInfo[] PlanArray() => [.. planList];

    internal FieldInfo[] FieldArray() => [.. fieldList];

    /// <summary>Compiles the customers added so far into timelines, ordered by customer id.</summary>
    internal CustomerTimeline[] CompileCustomers()
    {
        var (count, compile) = PrepareCompile();
        var result = new CustomerTimeline[count];
        RunParallel(count, i => result[i] = compile(i));
        return result;
    }

    /// <summary>
    /// Compiles the customers chunk by chunk straight into flat chunks, so only a few chunks' worth of timeline
    /// objects exist at any time.
    /// </summary>
    private CustomerChunk[] CompileChunks(ColumnDictionary dictionary)
    {
        var (count, compile) = PrepareCompile();
        var chunks = new CustomerChunk[(count + TimelineSet.ChunkSize - 1) / TimelineSet.ChunkSize];
        RunParallel(chunks.Length, c =>
        {
            var writer = new ChunkWriter(dictionary);
            var end = Math.Min(count, (c + 1) * TimelineSet.ChunkSize);
            for (var i = c * TimelineSet.ChunkSize; i < end; i++)
            {
                writer.Add(compile(i), keep: false);
            }

            chunks[c] = writer.Pack();
        });
        return chunks;
    }

    private static void RunParallel(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Sorts and checks the rows; returns the customer count and a thread-safe compile of customer i (in id order).</summary>
    private (int Count, Func<int, CustomerTimeline> Compile) PrepareCompile()
    {
        var customers = CollectionsMarshal.AsSpan(this.customers);
        SortBy(customers, static c => c.Id);
        var subscriptions = CollectionsMarshal.AsSpan(this.subscriptions);
        SortBy(subscriptions, static s => s.CustomerId);
        var states = CollectionsMarshal.AsSpan(this.states);
        SortBy(states, static s => s.SubscriptionId);
        var cash = CollectionsMarshal.AsSpan(this.cash);
        SortBy(cash, static c => c.CustomerId);
        var attributes = CollectionsMarshal.AsSpan(this.attributes);
        SortBy(attributes, static a => a.CustomerId);

        var subStart = Ranges(customers, subscriptions, static s => s.CustomerId, "subscription");
        var cashStart = Ranges(customers, cash, static c => c.CustomerId, "charge or refund");
        var attributeStart = Ranges(customers, attributes, static a => a.CustomerId, "attribute value");
        var stateStart = StateRanges(subscriptions, states);

        var compiler = new CustomerCompiler(
            new SubscriptionMrrCalculator(plans, addOnTotals, Fx, Calendar, Settings), fields, fieldList.Count);
        var customerArray = this.customers;
        var subArray = this.subscriptions;
        var stateArray = this.states;
        var cashArray = this.cash;
        var attributeArray = this.attributes;
        return (customers.Length, i => compiler.Compile(
            customerArray[i],
            CollectionsMarshal.AsSpan(subArray)[subStart[i]..subStart[i + 1]],
            CollectionsMarshal.AsSpan(stateArray),
            stateStart,
            subStart[i],
            CollectionsMarshal.AsSpan(cashArray)[cashStart[i]..cashStart[i + 1]],
            CollectionsMarshal.AsSpan(attributeArray)[attributeStart[i]..attributeStart[i + 1]]));
    }

    private string? Intern(string? value)
    {
        if (value is null)
        {
            return null;
        }

        lock (valuePool)
        {
            if (valuePool.TryGetValue(value, out var pooled))
            {
                return pooled;
            }

            valuePool[value] = value;
            return value;
        }
    }

    private static long Convert(long amountMinor, decimal factor) =>
        factor == 1m ? amountMinor : Money.Money.RoundMinor(amountMinor * factor);

    private static void SortBy<T>(Span<T> rows, Func<T, long> key)
    {
        for (var i = 1; i < rows.Length; i++)
        {
            if (key(rows[i - 1]) > key(rows[i]))
            {
                var keys = new long[rows.Length];
                for (var j = 0; j < rows.Length; j++)
                {
                    keys[j] = key(rows[j]);
                }

                // A stable order within one key keeps same-day rows in arrival order.
                var order = new int[rows.Length];
                for (var j = 0; j < order.Length; j++)
                {
                    order[j] = j;
                }

                Array.Sort(keys, order);
                StableWithinKeys(keys, order);
                var copy = rows.ToArray();
                for (var j = 0; j < order.Length; j++)
                {
                    rows[j] = copy[order[j]];
                }

                return;
            }
        }
    }

    private static void StableWithinKeys(long[] keys, int[] order)
    {
        var start = 0;
        for (var i = 1; i <= keys.Length; i++)
        {
            if (i == keys.Length || keys[i] != keys[start])
            {
                Array.Sort(order, start, i - start);
                start = i;
            }
        }
    }

    /// <summary>For each customer (sorted), where its rows start in <paramref name="rows"/> (sorted by customer id).</summary>
    private static int[] Ranges<T>(ReadOnlySpan<CustomerRow> customers, ReadOnlySpan<T> rows, Func<T, long> customerOf, string what)
    {
        var starts = new int[customers.Length + 1];
        var r = 0;
        for (var c = 0; c < customers.Length; c++)
        {
            if (c > 0 && customers[c].Id == customers[c - 1].Id)
            {
                throw new InvalidOperationException($"Customer id {customers[c].Id} was added twice.");
            }

            starts[c] = r;
            while (r < rows.Length && customerOf(rows[r]) <= customers[c].Id)
            {
                if (customerOf(rows[r]) < customers[c].Id)
                {
                    throw new InvalidOperationException($"A {what} refers to customer id {customerOf(rows[r])}, which was not added.");
                }

                r++;
            }
        }

        if (r < rows.Length)
        {
            throw new InvalidOperationException($"A {what} refers to customer id {customerOf(rows[r])}, which was not added.");
        }

        starts[customers.Length] = r;
        return starts;
    }

    /// <summary>For each subscription (in its sorted order), where its states start; -1 when it has none.</summary>
    private static (int Start, int Count)[] StateRanges(ReadOnlySpan<SubscriptionRow> subscriptions, ReadOnlySpan<StateRow> states)
    {
        var ranges = new (int, int)[subscriptions.Length];
        var byId = new Dictionary<long, int>(subscriptions.Length);
        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (!byId.TryAdd(subscriptions[i].Id, i))
            {
                throw new InvalidOperationException($"Subscription id {subscriptions[i].Id} was added twice.");
            }
        }

        var s = 0;
        while (s < states.Length)
        {
            var id = states[s].SubscriptionId;
            var e = s;
            while (e < states.Length && states[e].SubscriptionId == id)
            {
                e++;
            }

            if (!byId.TryGetValue(id, out var sub))
            {
                throw new InvalidOperationException($"A subscription state refers to subscription id {id}, which was not added.");
            }

            ranges[sub] = (s, e - s);
            s = e;
        }

        return ranges;
    }
}
