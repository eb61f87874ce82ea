using System.Data.Common;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class BulkImportTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_thousand_customers_with_subscriptions_and_charges_are_read_with_a_few_queries(DatabaseProvider provider)
    {
        var counter = new QueryCounter();
        await using var fixture = await ImportFixture.CreateAsync(provider, counter);
        var operations = new List<ImportOperation> { Plan() };
        for (var i = 0; i < 1000; i++)
        {
            operations.Add(Customer($"cus_{i}"));
            operations.Add(Subscription($"sub_{i}", customer: $"cus_{i}"));
            operations.Add(Charge($"ch_{i}", customer: $"cus_{i}") with { SubscriptionOid = $"sub_{i}" });
        }

        counter.Reads = 0;
        var first = await fixture.Importer.ImportAsync(fixture.Batch([.. operations]));
        var readsWhenNew = counter.Reads;
        counter.Reads = 0;
        var second = await fixture.Importer.ImportAsync(fixture.Batch([.. operations]));

        Assert.Equal(3001, first.Items.Count(i => i.Outcome == Dashboard.Infrastructure.Import.ImportOutcome.Created));
        Assert.Equal(3001, second.Items.Count(i => i.Outcome == Dashboard.Infrastructure.Import.ImportOutcome.Unchanged));
        Assert.Equal(1000, await fixture.CountAsync<Subscription>());
        Assert.Equal(1000, await fixture.CountAsync<SubscriptionState>());

        // Preloading is one query per kind and chunk of 500 keys, never one per object.
        Assert.InRange(readsWhenNew, 1, 20);
        Assert.InRange(counter.Reads, 1, 30);
    }

    /// <summary>Counts SELECTs, the round trips preloading should keep to a handful (inserts are batched by the provider).</summary>
    private sealed class QueryCounter : DbCommandInterceptor
    {
        public int Reads { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                Reads++;
            }

            return ValueTask.FromResult(result);
        }
    }
}
