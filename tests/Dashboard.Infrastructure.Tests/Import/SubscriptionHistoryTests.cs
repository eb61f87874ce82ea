using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class SubscriptionHistoryTests
{
    private static SubscriptionChange Change(DateTimeOffset at, string plan = "pro_monthly", int? quantity = null) =>
        new() { Oid = "sub_1", PlanOid = plan, OccurredAt = at, Quantity = quantity };

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Changes_append_states_and_a_retried_change_does_not_duplicate(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Plan("team", 9900), Customer(), Subscription()));

        await fixture.Importer.ImportAsync(fixture.Batch(Change(Start.AddMonths(1), quantity: 5)));
        await fixture.Importer.ImportAsync(fixture.Batch(Change(Start.AddMonths(2), plan: "team")));
        var retry = await fixture.Importer.ImportAsync(fixture.Batch(Change(Start.AddMonths(2), plan: "team")));

        Assert.Equal(ImportOutcome.Unchanged, retry.Items.Single().Outcome);
        var states = await StatesAsync(fixture);
        Assert.Equal(
            [(Start, "pro_monthly", 2), (Start.AddMonths(1), "pro_monthly", 5), (Start.AddMonths(2), "team", 5)],
            states);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_change_in_the_past_is_inserted_between_states_and_carries_the_terms_then_in_effect(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Plan("team", 9900), Customer(), Subscription()));
        await fixture.Importer.ImportAsync(fixture.Batch(Change(Start.AddMonths(3), plan: "team", quantity: 10)));

        await fixture.Importer.ImportAsync(fixture.Batch(Change(Start.AddMonths(1), plan: "team")));

        Assert.Equal(
            [(Start, "pro_monthly", 2), (Start.AddMonths(1), "team", 2), (Start.AddMonths(3), "team", 10)],
            await StatesAsync(fixture));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_change_without_a_plan_keeps_the_plan_in_effect_then(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Plan("team", 9900), Customer(), Subscription(), Change(Start.AddMonths(1), plan: "team")));

        await fixture.Importer.ImportAsync(fixture.Batch(new SubscriptionChange { Oid = "sub_1", OccurredAt = Start.AddMonths(2), Quantity = 6 }));

        Assert.Equal(
            [(Start, "pro_monthly", 2), (Start.AddMonths(1), "team", 2), (Start.AddMonths(2), "team", 6)],
            await StatesAsync(fixture));
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Missing_references_are_coded_not_found(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(
            Change(Start.AddDays(1)) with { Oid = "sub_missing" },
            Change(Start.AddDays(2), plan: "plan_missing"),
            Subscription("sub_2", customer: "cus_missing"))));

        Assert.Equal(
            [(0, "oid"), (1, "plan_oid"), (2, "customer_oid")],
            refused.Errors.Select(e => (e.Index, e.Field)).Order());
        Assert.All(refused.Errors, e => Assert.Equal(ImportErrorCode.NotFound, e.Code));
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Deleting_a_plan_in_use_is_coded_in_use(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(new Deletion { Target = ImportObjectKind.Plan, Oid = "pro_monthly" })));

        Assert.Equal(ImportErrorCode.InUse, Assert.Single(refused.Errors).Code);
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_different_change_at_the_instant_of_a_state_corrects_that_state(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Change(Start.AddMonths(1), quantity: 5)));

        var correction = await fixture.Importer.ImportAsync(fixture.Batch(Change(Start.AddMonths(1), quantity: 4)));

        Assert.Equal(ImportOutcome.Updated, correction.Items.Single().Outcome);
        Assert.Equal([(Start, "pro_monthly", 2), (Start.AddMonths(1), "pro_monthly", 4)], await StatesAsync(fixture));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Add_ons_are_kept_per_state_and_replaced_only_when_given(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        AddOnImport seats = new() { Oid = "extra_seats", Amount = 500, Quantity = 3 };
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription() with { AddOns = [seats] }));

        await fixture.Importer.ImportAsync(fixture.Batch(Change(Start.AddMonths(1), quantity: 3)));
        await fixture.Importer.ImportAsync(fixture.Batch(Change(Start.AddMonths(2)) with { AddOns = [] }));

        var addOnsPerState = await fixture.ReadAsync(db => db.SubscriptionStates.OrderBy(s => s.EffectiveFrom)
            .Select(s => s.AddOns.Sum(a => a.AmountMinor * a.Quantity)).ToListAsync());
        Assert.Equal([1500L, 1500L, 0L], addOnsPerState);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Cancel_sets_the_end_and_changes_after_it_are_refused_until_uncanceled(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));
        var canceledAt = Start.AddMonths(4);

        await fixture.Importer.ImportAsync(fixture.Batch(new SubscriptionCancellation
        {
            Oid = "sub_1", CanceledAt = canceledAt, CancelRequestedAt = Start.AddMonths(3),
        }));
        var refused = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Change(canceledAt.AddDays(1), quantity: 9))));

        Assert.Equal("occurred_at", refused.Errors.Single().Field);
        var subscription = await fixture.ReadAsync(db => db.Subscriptions.SingleAsync());
        Assert.Equal((canceledAt, Start.AddMonths(3)), (subscription.CanceledAt!.Value, subscription.CancelRequestedAt!.Value));

        await fixture.Importer.ImportAsync(fixture.Batch(new SubscriptionUncancellation { Oid = "sub_1" }, Change(canceledAt.AddDays(1), quantity: 9)));
        subscription = await fixture.ReadAsync(db => db.Subscriptions.SingleAsync());
        Assert.Null(subscription.CanceledAt);
        Assert.Equal(2, (await StatesAsync(fixture)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Reposting_a_subscription_replaces_its_initial_terms_and_keeps_later_changes(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Plan("team", 9900), Customer(), Subscription(), Change(Start.AddMonths(1), quantity: 7)));

        await fixture.Importer.ImportAsync(fixture.Batch(Subscription(plan: "team") with { StartedAt = Start.AddDays(-2) }));
        var tooLate = await Assert.ThrowsAsync<ImportValidationException>(() =>
            fixture.Importer.ImportAsync(fixture.Batch(Subscription() with { StartedAt = Start.AddMonths(2) })));

        Assert.Equal("started_at", tooLate.Errors.Single().Field);
        Assert.Equal([(Start.AddDays(-2), "team", 2), (Start.AddMonths(1), "pro_monthly", 7)], await StatesAsync(fixture));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Changes_to_unknown_subscriptions_or_before_the_start_are_refused(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));

        var refused = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(
            Change(Start.AddDays(-1)),
            Change(Start.AddDays(1)) with { Oid = "sub_missing" },
            Change(Start.AddDays(2), plan: "plan_missing"))));

        Assert.Equal(
            [(0, "occurred_at"), (1, "oid"), (2, "plan_oid")],
            refused.Errors.Select(e => (e.Index, e.Field)));
        Assert.Contains("sub_missing", refused.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("plan_missing", refused.Errors[2].Message, StringComparison.Ordinal);
        Assert.Single(await StatesAsync(fixture));
    }

    private static Task<List<(DateTimeOffset, string, int)>> StatesAsync(ImportFixture fixture) => fixture.ReadAsync(async db =>
        (await db.SubscriptionStates
            .Join(db.Plans, s => s.PlanId, p => p.Id, (s, p) => new { s.EffectiveFrom, p.ExternalId, s.Quantity })
            .ToListAsync())
        .OrderBy(s => s.EffectiveFrom)
        .Select(s => (s.EffectiveFrom, s.ExternalId, s.Quantity)).ToList());
}
