using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Batches;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>
/// Every writer of attribute values keeps their dated history (customer_attribute_changes): one row per real change,
/// none for an unchanged value, in the value's transaction, dated by the injected clock and naming the path.
/// </summary>
public sealed class AttributeHistoryTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task The_api_writes_one_row_per_change_none_for_an_unchanged_value_and_none_for_a_refused_call(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Customer("cus_1"), Customer("cus_2")));
        await fixture.AttributeFields.EnsureAsync("CRM owner", AttributeType.String);
        await fixture.AttributeFields.EnsureAsync("Seats", AttributeType.Number);

        await fixture.Importer.SetAttributesAsync([Set("cus_1", "crm_owner", "Ann"), Set("cus_2", "crm_owner", "Ann")]);
        await fixture.Importer.SetAttributesAsync([Set("cus_1", "crm_owner", "Bob"), Set("cus_2", "crm_owner", "Ann")]);
        await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Importer.SetAttributesAsync(
            [Set("cus_1", "crm_owner", "Cleo"), Set("cus_1", "seats", "many")]));

        Assert.Equal(
            [("cus_1", null, "Ann"), ("cus_2", null, "Ann"), ("cus_1", "Ann", "Bob")],
            await HistoryAsync(fixture));
        Assert.All(await fixture.ReadAsync(db => db.CustomerAttributeChanges.ToListAsync()), c =>
        {
            Assert.Equal(ImportFixture.Now, c.ChangedAt);
            Assert.Equal(AttributeChangeOrigin.Api, c.Origin);
        });
        Assert.Equal("Bob", await fixture.ReadAsync(db => db.CustomerAttributes.Where(a => a.Value != "Ann").Select(a => a.Value).SingleAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_batch_records_its_changes_as_its_source_kind_and_a_batch_that_fails_after_them_leaves_none(DatabaseProvider provider)
    {
        var failDeletions = false;
        await using var fixture = await ImportFixture.CreateAsync(provider, new SaveHook(context =>
            failDeletions && context.ChangeTracker.Entries<Customer>().Any(e => e.State == EntityState.Deleted)
                ? throw new InvalidOperationException("The store went away.")
                : Task.CompletedTask));
        var stripe = await fixture.Sources.CreateAsync("Stripe", SourceProvider.Stripe);
        await fixture.AttributeFields.EnsureAsync("UTM source", AttributeType.String);
        await fixture.Importer.ImportAsync(fixture.Batch(stripe.Id, Customer("cus_1"), Customer("cus_2"), Attribute("cus_1", "google")));
        await fixture.Importer.ImportAsync(fixture.Batch(stripe.Id, Attribute("cus_1", "google")));
        await fixture.Importer.ImportAsync(fixture.Batch(stripe.Id, Attribute("cus_1", "bing")));

        // The attribute phase saves its value and history, then a later phase of the same batch fails: neither stays.
        failDeletions = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Importer.ImportAsync(fixture.Batch(stripe.Id,
            Attribute("cus_1", "linkedin"), new Deletion { Target = ImportObjectKind.Customer, Oid = "cus_2" })));

        Assert.Equal([("cus_1", null, "google"), ("cus_1", "google", "bing")], await HistoryAsync(fixture));
        Assert.All(await fixture.ReadAsync(db => db.CustomerAttributeChanges.ToListAsync()), c => Assert.Equal(AttributeChangeOrigin.Stripe, c.Origin));
        Assert.Equal("bing", await fixture.ReadAsync(db => db.CustomerAttributes.Select(a => a.Value).SingleAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Values_bulk_written_by_a_large_batch_get_their_history_too(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.AttributeFields.EnsureAsync("UTM source", AttributeType.String);
        var count = NewRows.BulkThreshold + 8;
        var oids = Enumerable.Range(1, count).Select(i => $"cus_{i}").ToList();

        await fixture.Importer.ImportAsync(fixture.Batch([.. oids.Select(o => Customer(o)), .. oids.Select(o => Attribute(o, "google"))]));
        await fixture.Importer.ImportAsync(fixture.Batch([.. oids.Select(o => Attribute(o, o == "cus_1" ? "bing" : "google"))]));

        var history = await HistoryAsync(fixture);
        Assert.Equal(count + 1, history.Count);
        Assert.Equal(count, history.Count(h => h.Before is null && h.After == "google"));
        Assert.Contains(("cus_1", "google", "bing"), history);
        Assert.All(await fixture.ReadAsync(db => db.CustomerAttributeChanges.ToListAsync()), c =>
            Assert.Equal((ImportFixture.Now, AttributeChangeOrigin.Api), (c.ChangedAt, c.Origin)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_csv_session_records_its_changes_only_when_it_commits(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch(Customer("cus_1")));
        await fixture.AttributeFields.EnsureAsync("Plan interest", AttributeType.String);

        await using (var abandoned = await fixture.Importer.BeginSessionAsync(fixture.SourceId))
        {
            await abandoned.SetAttributesAsync([Set("cus_1", "plan_interest", "enterprise")]);
        }

        Assert.Empty(await HistoryAsync(fixture));

        await using (var session = await fixture.Importer.BeginSessionAsync(fixture.SourceId))
        {
            await session.SetAttributesAsync([Set("cus_1", "plan_interest", "enterprise")]);
            await session.ImportAsync(fixture.Batch(Attribute("cus_1", "team", "plan_interest")));
            await session.CommitAsync();
        }

        Assert.Equal([("cus_1", null, "enterprise"), ("cus_1", "enterprise", "team")], await HistoryAsync(fixture));
        Assert.All(await fixture.ReadAsync(db => db.CustomerAttributeChanges.ToListAsync()), c => Assert.Equal(AttributeChangeOrigin.CsvImport, c.Origin));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_tracked_removal_is_recorded_and_a_write_without_a_stamp_is_refused(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.AttributeFields.EnsureAsync("Plan interest", AttributeType.String);
        await fixture.Importer.ImportAsync(fixture.Batch(Customer("cus_1"), Attribute("cus_1", "team", "plan_interest")));

        await using (var db = fixture.Database.CreateContext())
        {
            var value = await db.CustomerAttributes.SingleAsync();
            value.Value = "enterprise";
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

            db.AttributeStamp = new AttributeChangeStamp(ImportFixture.Now.AddDays(1), AttributeChangeOrigin.Ui);
            db.CustomerAttributes.Remove(value);
            await db.SaveChangesAsync();
        }

        Assert.Equal([("cus_1", null, "team"), ("cus_1", "team", null)], await HistoryAsync(fixture));
        Assert.Equal(0, await fixture.CountAsync<CustomerAttribute>());
    }

    private static AttributeAssignment Set(string oid, string key, string value) => new() { CustomerOid = oid, Key = key, Value = value };

    private static CustomerAttributeImport Attribute(string oid, string value, string key = "utm_source") =>
        new() { CustomerOid = oid, Key = key, Value = value };

    /// <summary>(customer oid, previous, new) in the order written.</summary>
    private static Task<List<(string Customer, string? Before, string? After)>> HistoryAsync(ImportFixture fixture) =>
        fixture.ReadAsync(async db => (await db.CustomerAttributeChanges
                .Join(db.Customers, c => c.CustomerId, c => c.Id, (change, customer) => new { change.Id, customer.ExternalId, change.PreviousValue, change.NewValue })
                .ToListAsync())
            .OrderBy(r => r.Id).Select(r => (r.ExternalId, r.PreviousValue, r.NewValue)).ToList());
}
