using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo.Simulation;

/// <summary>Simulates one customer's life and appends its rows to the batch; each customer draws from its own random stream.</summary>
internal sealed partial class CustomerSimulation
{
    private readonly DemoWorld world;
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

    public CustomerSimulation(DemoWorld world, IdCounters ids, DemoBatch batch, int index)
    {
        this.world = world;
        this.ids = ids;
        this.batch = batch;
        this.index = index;
        random = new DemoRandom(world.Options.Seed, index);
        end = world.HistoryEnd;
    }

    private long SourceId => world.Options.SourceId;

    /// <summary>
    /// The customer's whole life: signup, a first subscription (maybe a trial and a coupon), up to three returns after
    /// it ends, then its attributes, cancellation feedback and money rows. The order of the random draws is the data.
    /// </summary>
    public void Run()
    {
        var created = CustomerArrivals.Time(world, index, random);
        var country = random.Pick(DemoVocabulary.Countries);
        currency = !world.Options.MultiCurrency ? "USD"
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

        var plan = world.Catalog.FindPlan(key, currency)!;
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

            var returnPlan = world.Catalog.FindPlan(family, Cycle.Monthly, currency) ?? world.Catalog.FindPlan("starter_monthly", currency)!;
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

    private PlanFamily FamilyOf(long planId) => world.Catalog.FamilyOf(planId);

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

    /// <summary>Drops sub-second ticks: every instant is a whole second, like processors' Unix timestamps (and exact in PostgreSQL).</summary>
    private static DateTimeOffset Whole(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
