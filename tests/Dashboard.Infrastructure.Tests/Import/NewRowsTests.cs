using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Batches;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>
/// Large batches write their new rows with reserved ids and multi-row statements (<see cref="NewRows"/>) instead of
/// EF Core; single writes still go through EF Core. Both paths must store exactly the same data.
/// </summary>
public sealed class NewRowsTests
{
    private const int Objects = NewRows.BulkThreshold + 8;

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_large_batch_stores_the_same_rows_as_the_same_objects_written_one_by_one(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.AttributeFields.EnsureAsync("UTM Source", AttributeType.String);
        var oneByOne = (await fixture.Sources.CreateAsync("One by one", SourceProvider.Api)).Id;
        var operations = Account();

        fixture.Notifier.Changes.Clear();
        var bulk = await fixture.Importer.ImportAsync(fixture.Batch([.. operations]));
        var notified = fixture.Notifier.Changes.Single().CustomerIds;
        foreach (var operation in operations)
        {
            await fixture.Importer.ImportAsync(fixture.Batch(oneByOne, operation));
        }

        var expected = await DescribeAsync(fixture, oneByOne);
        var actual = await DescribeAsync(fixture, fixture.SourceId);
        Assert.Equal(Objects * 2, Lines(expected.States));
        Assert.Equal(Objects * 2, Lines(expected.AddOns)); // a change keeps the add-ons in effect
        Assert.Equal(Objects, Lines(expected.Attributes));
        Assert.Equal(expected.Plans, actual.Plans);
        Assert.Equal(expected.Customers, actual.Customers);
        Assert.Equal(expected.States, actual.States);
        Assert.Equal(expected.AddOns, actual.AddOns);
        Assert.Equal(expected.Charges, actual.Charges);
        Assert.Equal(expected.Refunds, actual.Refunds);
        Assert.Equal(expected.Attributes, actual.Attributes);

        // Every created object reports the id it was stored under.
        var customerIds = await fixture.ReadAsync(db => db.Customers.Where(c => c.SourceId == fixture.SourceId).ToDictionaryAsync(c => c.ExternalId, c => c.Id));
        var chargeIds = await fixture.ReadAsync(db => db.Charges.Where(c => c.SourceId == fixture.SourceId).ToDictionaryAsync(c => c.ExternalId, c => c.Id));
        Assert.All(bulk.Items.Where(i => i.Kind == ImportObjectKind.Customer), i => Assert.Equal(customerIds[i.Oid], i.Id));
        Assert.All(bulk.Items.Where(i => i.Kind == ImportObjectKind.Charge), i => Assert.Equal(chargeIds[i.Oid], i.Id));
        Assert.Equal(customerIds.Values.Order(), notified.Order());

        // Repeating the batch finds every row it wrote.
        var again = await fixture.Importer.ImportAsync(fixture.Batch([.. operations]));
        Assert.All(again.Items.Where(i => i.Kind != ImportObjectKind.Subscription), i => Assert.Equal(ImportOutcome.Unchanged, i.Outcome));
        Assert.Equal(actual, await DescribeAsync(fixture, fixture.SourceId));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Ids_of_deleted_rows_are_never_handed_out_again(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.Importer.ImportAsync(fixture.Batch([.. Enumerable.Range(0, Objects).Select(i => Customer($"cus_{i}"))]));
        var highest = await fixture.ReadAsync(db => db.Customers.MaxAsync(c => c.Id));
        await fixture.Importer.ImportAsync(fixture.Batch(
            [.. Enumerable.Range(Objects - 5, 5).Select(i => new Deletion { Oid = $"cus_{i}", Target = ImportObjectKind.Customer })]));

        var next = await fixture.Importer.ImportAsync(fixture.Batch([.. Enumerable.Range(0, Objects).Select(i => Customer($"new_{i}"))]));

        Assert.All(next.Items, i => Assert.True(i.Id > highest, $"{i.Oid} got id {i.Id}, not above {highest}"));
        Assert.Equal(Objects, next.Items.Select(i => i.Id).Distinct().Count());
        Assert.Equal(2 * Objects - 5, await fixture.CountAsync<Customer>());

        // EF Core's own inserts (a single write) continue after the reserved ids.
        var single = await fixture.Importer.ImportAsync(fixture.Batch(Customer("single")));
        Assert.True(single.Items[0].Id > next.Items.Max(i => i.Id));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task Concurrent_large_batches_get_distinct_ids_and_the_same_objects_are_stored_once(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);
        await fixture.AttributeFields.EnsureAsync("UTM Source", AttributeType.String);
        var sources = new List<long> { fixture.SourceId };
        for (var s = 1; s < 4; s++)
        {
            sources.Add((await fixture.Sources.CreateAsync($"Source {s}", SourceProvider.Api)).Id);
        }

        // Four sources at once, and each source's batch twice: the copies collide and the loser finds the winner's rows.
        var writes = sources.SelectMany(source => new[] { source, source })
            .Select(source => Task.Run(() => fixture.Importer.ImportAsync(fixture.Batch(source, [.. Account()]))))
            .ToList();
        var results = await Task.WhenAll(writes);

        Assert.Equal(4 * Objects, await fixture.CountAsync<Customer>());
        Assert.Equal(4 * Objects * 2, await fixture.CountAsync<SubscriptionState>());
        Assert.Equal(4 * Objects, await fixture.CountAsync<Refund>());
        var customerIds = await fixture.ReadAsync(db => db.Customers.Select(c => c.Id).ToListAsync());
        Assert.Equal(customerIds.Count, customerIds.Distinct().Count());
        foreach (var source in sources)
        {
            Assert.Equal(await DescribeAsync(fixture, sources[0]), await DescribeAsync(fixture, source));
        }

        Assert.All(results, r => Assert.Equal(Objects, r.Items.Count(i => i.Kind == ImportObjectKind.Customer)));
    }

    /// <summary>
    /// An account with every kind the bulk path writes: plans, customers with an attribute, subscriptions with a change
    /// and an add-on, charges and refunds.
    /// </summary>
    private static List<ImportOperation> Account()
    {
        var operations = new List<ImportOperation>();
        for (var i = 0; i < Objects; i++)
        {
            operations.Add(Plan($"plan_{i}", amount: 1000 + i));
        }

        for (var i = 0; i < Objects; i++)
        {
            operations.Add(Customer($"cus_{i}") with { Name = $"Customer {i}", Country = i % 2 == 0 ? "de" : "us" });
            operations.Add(new CustomerAttributeImport { CustomerOid = $"cus_{i}", Key = "utm_source", Value = i % 3 == 0 ? "google" : "newsletter" });
            operations.Add(Subscription($"sub_{i}", customer: $"cus_{i}", plan: $"plan_{i}") with
            {
                StartedAt = Start.AddDays(i),
                AddOns = [new AddOnImport { Oid = $"seat_{i}", Amount = 500, Quantity = 1 + (i % 4) }],
            });
            operations.Add(new SubscriptionChange { Oid = $"sub_{i}", PlanOid = $"plan_{(i + 1) % Objects}", OccurredAt = Start.AddDays(i + 40), Quantity = 3 });
            operations.Add(Charge($"ch_{i}", customer: $"cus_{i}", amount: 2000 + i) with { SubscriptionOid = $"sub_{i}" });
            operations.Add(Refund($"re_{i}", charge: $"ch_{i}", amount: 100 + i));
        }

        return operations;
    }

    /// <summary>A source's rows by external ids only, so two sources compare whatever ids their rows got.</summary>
    private static async Task<StoredRows> DescribeAsync(ImportFixture fixture, long sourceId) => await fixture.ReadAsync(async db =>
    {
        var plans = await db.Plans.Where(p => p.SourceId == sourceId).ToDictionaryAsync(p => p.Id, p => p.ExternalId);
        var customers = await db.Customers.Where(c => c.SourceId == sourceId).ToDictionaryAsync(c => c.Id);
        var subscriptions = await db.Subscriptions.Where(s => s.SourceId == sourceId).Include(s => s.States).ThenInclude(s => s.AddOns).ToListAsync();
        var charges = await db.Charges.Where(c => c.SourceId == sourceId).ToDictionaryAsync(c => c.Id);
        var refunds = await db.Refunds.Where(r => r.SourceId == sourceId).ToListAsync();
        var attributes = await db.CustomerAttributes.Where(a => customers.Keys.Contains(a.CustomerId)).ToListAsync();
        var subscriptionOids = subscriptions.ToDictionary(s => s.Id, s => s.ExternalId);
        return new StoredRows(
            Sorted(await db.Plans.Where(p => p.SourceId == sourceId).Select(p => $"{p.ExternalId} {p.Name} {p.AmountMinor} {p.Currency} {p.Interval}").ToListAsync()),
            Sorted(customers.Values.Select(c => $"{c.ExternalId} {c.Name} {c.Email} {c.Country} {c.CreatedAt:O}")),
            Sorted(subscriptions.SelectMany(s => s.States.Select(x =>
                $"{s.ExternalId} {customers[s.CustomerId].ExternalId} {s.StartedAt:O} {x.EffectiveFrom:O} {plans[x.PlanId]} {x.Quantity} {x.Status}"))),
            Sorted(subscriptions.SelectMany(s => s.States.SelectMany(x => x.AddOns.Select(a =>
                $"{s.ExternalId} {x.EffectiveFrom:O} {a.ExternalId} {a.AmountMinor} {a.Quantity}")))),
            Sorted(charges.Values.Select(c =>
                $"{c.ExternalId} {customers[c.CustomerId].ExternalId} {(c.SubscriptionId is { } id ? subscriptionOids[id] : "-")} {c.AmountMinor} {c.FeeMinor} {c.Status} {c.Kind} {c.CreatedAt:O}")),
            Sorted(refunds.Select(r => $"{r.ExternalId} {charges[r.ChargeId].ExternalId} {r.AmountMinor} {r.Currency} {r.CreatedAt:O}")),
            Sorted(attributes.Select(a => $"{customers[a.CustomerId].ExternalId} {a.FieldId} {a.Value}")));
    });

    private static string Sorted(IEnumerable<string> lines) => string.Join('\n', lines.Order(StringComparer.Ordinal));

    private static int Lines(string text) => text.Length == 0 ? 0 : text.Split('\n').Length;

    private sealed record StoredRows(string Plans, string Customers, string States, string AddOns, string Charges, string Refunds, string Attributes);
}
