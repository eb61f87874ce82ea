using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Csv;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Import.Csv;

/// <summary>A file goes in whole or not at all, however its import ends early.</summary>
public sealed class CsvAtomicityTests
{
    private const int Rows = 3_000;
    private const int BatchSize = 250;

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task An_import_stopped_mid_file_leaves_no_row_of_the_file(DatabaseProvider provider)
    {
        await using var fixture = await CsvFixture.CreateAsync(provider);
        using var file = CustomerFile(Rows);
        using var stop = new CancellationTokenSource();
        long importedWhenStopped = 0;
        var progress = new SyncProgress(p =>
        {
            if (p.Phase == CsvImportPhase.Importing && p.RowsDone >= Rows / 2 && !stop.IsCancellationRequested)
            {
                importedWhenStopped = p.RowsDone;
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Csv.ImportAsync(file.Path, fixture.Options(CsvImportKind.Customers) with { BatchSize = BatchSize }, progress, stop.Token));

        Assert.InRange(importedWhenStopped, Rows / 2, Rows - BatchSize);
        Assert.Equal(0, await fixture.Import.CountAsync<Customer>());
        Assert.DoesNotContain(fixture.Import.Notifier.Changes, c => c.SourceId == fixture.SourceId);

        // Nothing half-done blocks the next try: the same file then goes in whole.
        var again = await fixture.Csv.ImportAsync(file.Path, fixture.Options(CsvImportKind.Customers) with { BatchSize = BatchSize });
        Assert.True(again.Committed, string.Join("\n", again.Errors));
        Assert.Equal(Rows, await fixture.Import.CountAsync<Customer>());
    }

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task A_store_failure_after_thousands_of_bulk_written_rows_rolls_back_the_whole_file(DatabaseProvider provider)
    {
        // The last batch is small enough to go through EF Core's save, where the failure is injected; every batch before
        // it was bulk-written into the same transaction.
        var hook = new SaveHook(context => context.ChangeTracker.Entries<Customer>()
            .Any(e => e.State == EntityState.Added && e.Entity.ExternalId == Oid(Rows + 5))
                ? throw new InvalidOperationException("disk full (injected)")
                : Task.CompletedTask);
        await using var import = await ImportFixture.CreateAsync(provider, hook);
        var csv = new CsvImporter(import.Importer, import.Factory, TimeProvider.System);
        using var file = CustomerFile(Rows + 10);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            csv.ImportAsync(file.Path, new CsvImportOptions(import.SourceId, CsvImportKind.Customers) { BatchSize = BatchSize }));

        Assert.Equal("disk full (injected)", failure.Message);
        Assert.Equal(0, await import.CountAsync<Customer>());
        Assert.DoesNotContain(import.Notifier.Changes, c => c.SourceId == import.SourceId);
    }

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task An_attribute_file_stopped_mid_file_leaves_neither_values_nor_new_fields(DatabaseProvider provider)
    {
        await using var fixture = await CsvFixture.CreateAsync(provider);
        using (var customers = CustomerFile(Rows))
        {
            await fixture.Csv.ImportAsync(customers.Path, fixture.Options(CsvImportKind.Customers));
        }

        using var file = CsvTestFile.Generate("customer_oid,Plan Tier", Rows, i => $"{Oid(i)},tier{i % 3}");
        using var stop = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Phase == CsvImportPhase.Importing && p.RowsDone >= Rows / 2)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Csv.ImportAsync(file.Path, fixture.Options(CsvImportKind.Attributes) with { BatchSize = BatchSize }, progress, stop.Token));

        Assert.Equal(0, await fixture.Import.CountAsync<CustomerAttribute>());
        Assert.Equal(0, await fixture.Import.CountAsync<AttributeField>());
    }

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task A_row_the_store_refuses_in_a_later_batch_leaves_no_row_of_the_file(DatabaseProvider provider)
    {
        await using var fixture = await CsvFixture.CreateAsync(provider);
        await fixture.ImportAsync(CsvImportKind.Customers, "oid", "cus_1");
        await fixture.ImportAsync(CsvImportKind.Charges, "oid,customer_oid,amount,currency,created,status", "ch_1,cus_1,1000,USD,2026-01-01,paid");
        // Each refund fits the charge on its own, so the first pass passes them; together they exceed it, which only the
        // importer sees, in the second batch.
        using var file = CsvTestFile.Write("oid,charge_oid,amount,currency,created", "re_1,ch_1,600,USD,2026-01-02", "re_2,ch_1,600,USD,2026-01-03");

        var result = await fixture.Csv.ImportAsync(file.Path, fixture.Options(CsvImportKind.Refunds) with { BatchSize = 1 });

        Assert.False(result.Committed);
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.EndsWith("(nothing from this file was imported).", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Import.CountAsync<Refund>());
    }

    private static string Oid(long i) => string.Create(CultureInfo.InvariantCulture, $"cus_{i:D6}");

    private static CsvTestFile CustomerFile(long rows) => CsvTestFile.Generate("oid,name,email", rows,
        i => string.Create(CultureInfo.InvariantCulture, $"{Oid(i)},Customer {i},customer{i}@example.com"));

    private sealed class SyncProgress(Action<CsvImportProgress> report) : IProgress<CsvImportProgress>
    {
        public void Report(CsvImportProgress value) => report(value);
    }
}
