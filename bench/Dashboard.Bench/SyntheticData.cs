using Dashboard.Core.Billing;
using Dashboard.Core.Timelines;

namespace Dashboard.Bench;

/// <summary>
/// Feeds a seeded synthetic business into a builder, customer by customer, the way a store loader streams rows:
/// monthly, annual, quarterly and weekly plans, upgrades, downgrades, churn, reactivation (about 2.5 change points per
/// customer over three years), a monthly charge per paying month and a utm_source attribute.
/// </summary>
internal static class SyntheticData
{
    public static readonly DateTimeOffset Start = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Sources = ["google", "facebook", "newsletter", "partner", "direct"];
    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "CA"];

    public static TimelineBuilder Generate(int customers, int seed = 42)
    {
        var random = new Random(seed);
        var builder = new TimelineBuilder(new MetricSettings());
        builder.AddAttributeField(1, "utm_source", AttributeType.String);
        (long Id, long Amount, BillingInterval Interval, int Count)[] plans =
        [
            (1, 1900, BillingInterval.Month, 1), (2, 4900, BillingInterval.Month, 1), (3, 9900, BillingInterval.Month, 1),
            (4, 49000, BillingInterval.Year, 1), (5, 13500, BillingInterval.Month, 3), (6, 1200, BillingInterval.Week, 1),
        ];
        foreach (var p in plans)
        {
            builder.AddPlan(p.Id, "plan_" + p.Id, "Plan " + p.Id, "USD", p.Amount, p.Interval, p.Count, false);
        }

        long stateId = 1, subscriptionId = 1;
        for (var c = 1; c <= customers; c++)
        {
            builder.AddCustomer(c, 1, "cus_" + c, null, null, Countries[random.Next(Countries.Length)], "USD");
            builder.AddCustomerAttribute(c, 1, Sources[random.Next(Sources.Length)]);
            var at = Start.AddMinutes(random.Next(0, 3 * 365 * 24 * 60));
            var plan = random.Next(plans.Length);
            var sub = subscriptionId++;
            DateTimeOffset? canceled = random.Next(100) < 30 ? at.AddDays(random.Next(20, 500)) : null;
            DateTimeOffset? trialEnd = random.Next(100) < 15 ? at.AddDays(14) : null;
            builder.AddSubscription(sub, c, "sub_" + sub, at, trialEnd, canceled);
            builder.AddSubscriptionState(stateId++, sub, at, plans[plan].Id, random.Next(1, 4));
            var changeAt = at;
            for (var k = random.Next(0, 3); k > 0; k--)
            {
                changeAt = changeAt.AddDays(random.Next(15, 300));
                plan = Math.Clamp(plan + (random.Next(2) == 0 ? 1 : -1), 0, plans.Length - 1);
                builder.AddSubscriptionState(stateId++, sub, changeAt, plans[plan].Id, random.Next(1, 4), random.Next(5) == 0 ? 500 : 0);
            }

            if (canceled is { } end && random.Next(100) < 25)
            {
                var back = subscriptionId++;
                var returnAt = end.AddDays(random.Next(10, 200));
                builder.AddSubscription(back, c, "sub_" + back, returnAt);
                builder.AddSubscriptionState(stateId++, back, returnAt, plans[random.Next(3)].Id);
            }

            var chargeEnd = canceled ?? Start.AddYears(3);
            for (var m = trialEnd ?? at; m < chargeEnd; m = m.AddMonths(1))
            {
                var failed = random.Next(50) == 0;
                builder.AddCharge(c, plans[plan].Amount, plans[plan].Amount * 3 / 100 + 30, "USD", m,
                    failed ? ChargeStatus.Failed : ChargeStatus.Paid, ChargeKind.Recurring);
            }
        }

        return builder;
    }
}
