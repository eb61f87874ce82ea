using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Csv;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Import.Csv;

public sealed class CsvRoundTripTests
{
    private static readonly string[] Plans =
    [
        "oid,name,currency,amount,interval,interval_count,trial_duration,trial_duration_unit",
        "pro_monthly,Pro,usd,4900,month,1,14,day",
        "team_yearly,\"Team, yearly\",EUR,99000,year,1,,",
    ];

    private static readonly string[] Customers =
    [
        "oid,name,email,notes,country,currency,created",
        "cus_1,Ada Lovelace,ada@example.com,VIP,gb,USD,2026-01-15T09:30:00Z",
        "cus_2,Grace Hopper,grace@example.com,,US,,1768469400",
    ];

    private static readonly string[] Subscriptions =
    [
        "oid,customer_oid,plan_oid,started_at,canceled_at,trial_end,quantity,discount",
        "sub_1,cus_1,pro_monthly,2026-01-15T09:30:00Z,,2026-01-29T09:30:00Z,3,500",
        "sub_2,cus_2,team_yearly,2026-02-01,2026-06-01,,,",
    ];

    private static readonly string[] Charges =
    [
        "oid,customer_oid,amount,currency,created,status,fee,subscription_oid,kind",
        "ch_1,cus_1,14200,usd,2026-01-29T09:30:00Z,paid,442,sub_1,",
        "ch_2,cus_2,2500,EUR,2026-02-03T00:00:00Z,failed,,,one_time",
    ];

    private static readonly string[] Refunds =
    [
        "oid,charge_oid,amount,currency,created",
        "re_1,ch_1,4200,USD,2026-02-01T12:00:00Z",
    ];

    private static readonly string[] Attributes =
    [
        "customer_oid,email,Plan Tier,utm_source",
        "cus_1,,enterprise,newsletter",
        ",GRACE@example.com,startup,",
    ];

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task Every_kind_goes_in_and_reads_back_as_written(DatabaseProvider provider)
    {
        await using var fixture = await CsvFixture.CreateAsync(provider);

        await ImportAllAsync(fixture, expectCreated: true);

        await using var db = fixture.Import.Database.CreateContext();
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.ExternalId).ToListAsync();
        Assert.Equal(["pro_monthly", "team_yearly"], plans.Select(p => p.ExternalId));
        Assert.Equal(("Pro", "USD", 4900L, BillingInterval.Month, 1, (int?)14, (BillingInterval?)BillingInterval.Day),
            (plans[0].Name, plans[0].Currency, plans[0].AmountMinor, plans[0].Interval, plans[0].IntervalCount, plans[0].TrialDuration, plans[0].TrialDurationUnit));
        Assert.Equal(("Team, yearly", "EUR", 99000L, BillingInterval.Year), (plans[1].Name, plans[1].Currency, plans[1].AmountMinor, plans[1].Interval));

        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.ExternalId).ToListAsync();
        Assert.Equal(("Ada Lovelace", "ada@example.com", "VIP", "GB", "USD"),
            (customers[0].Name, customers[0].Email, customers[0].Notes, customers[0].Country, customers[0].Currency));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero), customers[0].CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero), customers[1].CreatedAt);
        Assert.Null(customers[1].Notes);

        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.States).SingleAsync(s => s.ExternalId == "sub_1");
        var state = subscription.States.Single();
        Assert.Equal(new DateTimeOffset(2026, 1, 29, 9, 30, 0, TimeSpan.Zero), subscription.TrialEnd);
        Assert.Equal((3, 500L, plans[0].Id), (state.Quantity, state.DiscountMinor, state.PlanId));
        var canceled = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.ExternalId == "sub_2");
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), canceled.CanceledAt);

        var charges = await db.Charges.AsNoTracking().OrderBy(c => c.ExternalId).ToListAsync();
        Assert.Equal((14200L, 442L, "USD", ChargeStatus.Paid, ChargeKind.Recurring, (long?)subscription.Id),
            (charges[0].AmountMinor, charges[0].FeeMinor, charges[0].Currency, charges[0].Status, charges[0].Kind, charges[0].SubscriptionId));
        Assert.Equal((ChargeStatus.Failed, ChargeKind.OneTime, (long?)null), (charges[1].Status, charges[1].Kind, charges[1].SubscriptionId));

        var refund = await db.Refunds.AsNoTracking().SingleAsync();
        Assert.Equal((4200L, "USD", charges[0].Id), (refund.AmountMinor, refund.Currency, refund.ChargeId));

        var values = await db.CustomerAttributes.AsNoTracking()
            .Join(db.AttributeFields, a => a.FieldId, f => f.Id, (a, f) => new { a.CustomerId, f.Key, a.Value })
            .ToListAsync();
        Assert.Equal(
            ["cus_1 plan_tier=enterprise", "cus_1 utm_source=newsletter", "cus_2 plan_tier=startup"],
            values.Select(v => $"{customers.Single(c => c.Id == v.CustomerId).ExternalId} {v.Key}={v.Value}").Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task Importing_the_same_files_again_changes_nothing(DatabaseProvider provider)
    {
        await using var fixture = await CsvFixture.CreateAsync(provider);
        await ImportAllAsync(fixture, expectCreated: true);
        var before = await fixture.Import.CountsAsync();

        await ImportAllAsync(fixture, expectCreated: false);

        Assert.Equal(before, await fixture.Import.CountsAsync());
    }

    private static async Task ImportAllAsync(CsvFixture fixture, bool expectCreated)
    {
        foreach (var (kind, lines) in new[]
                 {
                     (CsvImportKind.Plans, Plans), (CsvImportKind.Customers, Customers), (CsvImportKind.Subscriptions, Subscriptions),
                     (CsvImportKind.Charges, Charges), (CsvImportKind.Refunds, Refunds),
                 })
        {
            var result = await fixture.ImportAsync(kind, lines);
            Assert.Equal(lines.Length - 1, result.Rows);
            Assert.Equal(expectCreated ? result.Rows : 0, result.Created);
            Assert.Equal(expectCreated ? 0 : result.Rows, result.Unchanged);
        }

        var attributes = await fixture.ImportAsync(CsvImportKind.Attributes, Attributes);
        Assert.Equal(expectCreated ? (3L, 0L) : (0L, 3L), (attributes.Updated, attributes.Unchanged));
    }
}
