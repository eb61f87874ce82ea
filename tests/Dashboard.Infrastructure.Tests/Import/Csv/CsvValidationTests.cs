using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Csv;

namespace Dashboard.Infrastructure.Tests.Import.Csv;

public sealed class CsvValidationTests
{
    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task A_file_with_bad_rows_commits_nothing_and_reports_every_one_with_its_line(DatabaseProvider provider)
    {
        await using var fixture = await CsvFixture.CreateAsync(provider);
        await fixture.ImportAsync(CsvImportKind.Customers, "oid,name", "cus_1,Ada", "cus_2,Grace");
        using var file = CsvTestFile.Write(
            "oid,customer_oid,amount,currency,created,status",
            "ch_1,cus_1,4900,USD,2026-01-01,paid",
            "ch_2,,4900,USD,2026-01-01,paid",
            "ch_3,cus_1,-5,USD,2026-01-01,paid",
            "ch_4,cus_1,4900,dollars,2026-01-01,paid",
            "ch_5,cus_1,4900,USD,yesterday-ish,paid",
            "ch_6,cus_9,4900,USD,2026-01-01,paid",
            "ch_7,cus_2,4900,USD,2026-01-01,paid");
        var before = await fixture.Import.CountsAsync();

        // Batches of two: the bad rows sit in several batches and good batches come first, yet none is written.
        var result = await fixture.Csv.ImportAsync(file.Path, fixture.Options(CsvImportKind.Charges) with { BatchSize = 2 });

        Assert.False(result.Committed);
        Assert.Equal(
            [
                "line 3: customer_oid: is required.",
                "line 4: amount: must not be negative.",
                "line 5: currency: 'dollars' is not an ISO 4217 currency code.",
                "line 6: created: 'yesterday-ish' must be unix seconds or an ISO 8601 date-time.",
                $"line 7: customer_oid: No customer 'cus_9' in source {fixture.SourceId} (import the customers first).",
            ],
            result.Errors.OrderBy(e => e.Line).Select(e => e.ToString()));
        Assert.Equal(5, result.ErrorCount);
        Assert.Equal(7, result.Rows);
        Assert.Equal(before, await fixture.Import.CountsAsync());
    }

    [Fact]
    public async Task An_unknown_plan_reference_refuses_the_whole_file()
    {
        await using var fixture = await CsvFixture.CreateAsync(DatabaseProvider.Sqlite);
        await fixture.ImportAsync(CsvImportKind.Plans, "oid,name,currency,amount,interval", "pro,Pro,USD,4900,month");
        await fixture.ImportAsync(CsvImportKind.Customers, "oid", "cus_1", "cus_2");
        using var file = CsvTestFile.Write(
            "oid,customer_oid,plan_oid,started_at",
            "sub_1,cus_1,pro,2026-01-01",
            "sub_2,cus_2,gold,2026-01-01",
            "sub_3,cus_2,pro,2026-13-45");

        var result = await fixture.Csv.ImportAsync(file.Path, fixture.Options(CsvImportKind.Subscriptions));

        Assert.Equal(
            [
                $"line 3: plan_oid: No plan 'gold' in source {fixture.SourceId} (import the plans first).",
                "line 4: started_at: '2026-13-45' must be unix seconds or an ISO 8601 date-time.",
            ],
            result.Errors.OrderBy(e => e.Line).Select(e => e.ToString()));
        Assert.Equal(0, await fixture.Import.CountAsync<Subscription>());
    }

    [Fact]
    public async Task Charges_and_refunds_must_fit_what_they_reference()
    {
        await using var fixture = await CsvFixture.CreateAsync(DatabaseProvider.Sqlite);
        await fixture.ImportAsync(CsvImportKind.Plans, "oid,name,currency,amount,interval", "pro,Pro,USD,4900,month");
        await fixture.ImportAsync(CsvImportKind.Customers, "oid", "cus_1", "cus_2");
        await fixture.ImportAsync(CsvImportKind.Subscriptions, "oid,customer_oid,plan_oid,started_at", "sub_1,cus_1,pro,2026-01-01");
        await fixture.ImportAsync(CsvImportKind.Charges, "oid,customer_oid,amount,currency,created,status",
            "ch_paid,cus_1,4900,USD,2026-01-01,paid", "ch_failed,cus_1,4900,USD,2026-01-02,failed");
        using var charges = CsvTestFile.Write(
            "oid,customer_oid,amount,currency,created,status,subscription_oid",
            "ch_3,cus_2,4900,USD,2026-02-01,paid,sub_1",
            "ch_4,cus_1,4900,USD,2026-02-01,paid,sub_9");
        using var refunds = CsvTestFile.Write(
            "oid,charge_oid,amount,currency,created",
            "re_1,ch_failed,100,USD,2026-02-01",
            "re_2,ch_paid,100,EUR,2026-02-01",
            "re_3,ch_paid,100,usd,2026-02-01");

        var chargeResult = await fixture.Csv.ValidateAsync(charges.Path, fixture.Options(CsvImportKind.Charges));
        var refundResult = await fixture.Csv.ValidateAsync(refunds.Path, fixture.Options(CsvImportKind.Refunds));

        Assert.Equal(
            [
                "line 2: subscription_oid: Subscription 'sub_1' belongs to customer 'cus_1', not 'cus_2'.",
                $"line 3: subscription_oid: No subscription 'sub_9' in source {fixture.SourceId} (import the subscriptions first).",
            ],
            chargeResult.Errors.Select(e => e.ToString()));
        Assert.Equal(
            [
                "line 2: charge_oid: Charge 'ch_failed' is failed; only paid charges can be refunded.",
                "line 3: currency: 'EUR' differs from the charge's currency 'USD'.",
            ],
            refundResult.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Missing_columns_and_unknown_sources_are_reported_before_any_row()
    {
        await using var fixture = await CsvFixture.CreateAsync(DatabaseProvider.Sqlite);
        using var file = CsvTestFile.Write("oid,name,amount", "pro,Pro,100");

        var missing = await fixture.Csv.ValidateAsync(file.Path, fixture.Options(CsvImportKind.Plans));
        var unknownSource = await fixture.Csv.ValidateAsync(file.Path, new CsvImportOptions(999, CsvImportKind.Plans) { Mapping = Identity("oid", "name", "amount", "currency", "interval") });

        Assert.Equal(["line 1: currency: The column is missing.", "line 1: interval: The column is missing."], missing.Errors.Select(e => e.ToString()));
        Assert.Contains(unknownSource.Errors, e => e.Field == "source_id");
    }

    [Fact]
    public async Task Attribute_rows_must_name_a_known_customer_and_fit_existing_field_types()
    {
        await using var fixture = await CsvFixture.CreateAsync(DatabaseProvider.Sqlite);
        await fixture.ImportAsync(CsvImportKind.Customers, "oid,email", "cus_1,ada@example.com");
        await fixture.Import.AttributeFields.EnsureAsync("Seats", AttributeType.Number);
        using var file = CsvTestFile.Write(
            "customer_oid,email,seats",
            "cus_1,,12",
            "cus_404,,3",
            ",nobody@example.com,4",
            "cus_1,,many");

        var result = await fixture.Csv.ImportAsync(file.Path, fixture.Options(CsvImportKind.Attributes));

        Assert.Equal(
            [
                $"line 3: customer_oid: No customer 'cus_404' in source {fixture.SourceId}.",
                $"line 4: email: No customer 'nobody@example.com' in source {fixture.SourceId}.",
                "line 5: seats: 'many' is not a number (field 'seats').",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal(0, await fixture.Import.CountAsync<CustomerAttribute>());
    }

    private static Dictionary<string, string?> Identity(params string[] fields) => fields.ToDictionary(f => f, f => (string?)f);
}
