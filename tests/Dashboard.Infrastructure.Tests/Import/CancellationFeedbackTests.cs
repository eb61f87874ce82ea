using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class CancellationFeedbackTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Feedback_becomes_one_cancellation_event_of_the_subscriptions_customer_and_repeating_it_changes_nothing(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        var first = await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Feedback()));
        var again = await fixture.Importer.ImportAsync(fixture.Batch(Feedback()));

        Assert.Equal(ImportOutcome.Created, first.Items[3].Outcome);
        Assert.Equal(ImportOutcome.Unchanged, again.Items[0].Outcome);
        var stored = await fixture.ReadAsync(db => db.CancellationEvents
            .Join(db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new { e, c.ExternalId })
            .Join(db.CancellationReasons, x => x.e.ReasonId, r => r.Id, (x, r) => new { x.e, x.ExternalId, r.Text })
            .ToListAsync());
        var only = Assert.Single(stored);
        Assert.Equal(("cus_1", "Too expensive", "Over budget", "sub_1", Start.AddDays(40)),
            (only.ExternalId, only.Text, only.e.Comment, only.e.SubscriptionExternalIds, only.e.OccurredAt));
        Assert.Equal(1, await fixture.CountAsync<CancellationReason>());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task New_feedback_for_the_same_subscription_updates_its_event_and_reuses_known_reasons(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.ReadAsync(async db =>
        {
            db.CancellationReasons.Add(new CancellationReason { Text = "Switched service", SortKey = 50 });
            return await db.SaveChangesAsync();
        });
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Feedback()));

        var update = await fixture.Importer.ImportAsync(fixture.Batch(Feedback("Switched service", comment: null)));

        Assert.Equal(ImportOutcome.Updated, update.Items[0].Outcome);
        var events = await fixture.ReadAsync(db => db.CancellationEvents
            .Join(db.CancellationReasons, e => e.ReasonId, r => r.Id, (e, r) => new { r.Text, e.Comment }).ToListAsync());
        Assert.Equal(("Switched service", (string?)null), (Assert.Single(events).Text, events[0].Comment));
        var reasons = await fixture.ReadAsync(db => db.CancellationReasons.OrderBy(r => r.SortKey).Select(r => r.Text + ":" + r.SortKey).ToListAsync());
        Assert.Equal(["Switched service:50", "Too expensive:60"], reasons);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Feedback_for_an_unknown_subscription_or_without_a_reason_is_refused_and_writes_nothing(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription()));

        var unknown = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(Feedback(oid: "sub_404"))));
        var blank = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.ImportAsync(fixture.Batch(Feedback(reason: " "))));

        Assert.Equal(("sub_404", "oid"), (unknown.Errors.Single().Oid, unknown.Errors.Single().Field));
        Assert.Equal("reason", blank.Errors.Single().Field);
        Assert.Equal(0, await fixture.CountAsync<CancellationEvent>());
        Assert.Equal(0, await fixture.CountAsync<CancellationReason>());
    }
}
