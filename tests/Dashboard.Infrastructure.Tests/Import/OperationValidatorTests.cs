using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Import;

public sealed class OperationValidatorTests
{
    private static IEnumerable<(int, string)> Errors(params ImportOperation[] operations) =>
        OperationValidator.Validate(operations).Select(e => (e.Index, e.Field));

    [Fact]
    public void Valid_samples_pass() =>
        Assert.Empty(Errors(Plan(), Customer(), Subscription(), Charge(), Refund(),
            new SubscriptionChange { Oid = "sub_1", PlanOid = "p", OccurredAt = Start },
            new SubscriptionCancellation { Oid = "sub_1", CanceledAt = Start }));

    [Fact]
    public void Every_missing_required_field_is_named() =>
        Assert.Equal(
            [(0, "oid"), (0, "name"), (0, "currency"), (0, "amount"), (0, "interval"),
             (1, "oid"), (1, "customer_oid"), (1, "plan_oid"), (1, "started_at"),
             (2, "oid"), (2, "customer_oid"), (2, "amount"), (2, "currency"), (2, "created"), (2, "status"),
             (3, "oid"), (3, "charge_oid"), (3, "amount"), (3, "currency"), (3, "created")],
            Errors(new PlanImport(), new SubscriptionImport(), new ChargeImport(), new RefundImport()));

    [Fact]
    public void Missing_fields_are_coded_required_and_bad_values_invalid()
    {
        var errors = OperationValidator.Validate([new ChargeImport { Oid = "ch", Amount = -1 }]);

        Assert.Equal(ImportErrorCode.Required, errors.Single(e => e.Field == "customer_oid").Code);
        Assert.Equal(ImportErrorCode.Invalid, errors.Single(e => e.Field == "amount").Code);
    }

    [Fact]
    public void Oids_names_and_emails_have_a_length_limit() =>
        Assert.Equal(
            [(0, "email"), (0, "name"), (1, "oid")],
            Errors(
                Customer() with { Name = new string('n', OperationValidator.MaxCustomerNameLength + 1), Email = new string('e', OperationValidator.MaxEmailLength) + "@x" },
                Plan(new string('p', OperationValidator.MaxOidLength + 1))).Order());

    [Fact]
    public void A_change_may_leave_its_plan_out() =>
        Assert.Empty(Errors(new SubscriptionChange { Oid = "sub_1", OccurredAt = Start, Quantity = 3 }));

    [Fact]
    public void A_default_instant_counts_as_missing() =>
        Assert.Equal([(0, "started_at")], Errors(Subscription() with { StartedAt = default(DateTimeOffset) }));

    [Theory]
    [InlineData("usd", true)]
    [InlineData(" EUR ", true)]
    [InlineData("JPY", true)]
    [InlineData("US", false)]
    [InlineData("ABC", false)]
    [InlineData("", false)]
    public void Currencies_must_be_iso_4217_in_any_case(string currency, bool valid) =>
        Assert.Equal(valid, !Errors(Plan() with { Currency = currency }).Any());

    [Fact]
    public void Ranges_are_checked_per_field()
    {
        var errors = Errors(
            Plan() with { Amount = -1, IntervalCount = 0, TrialDuration = 14, TrialDurationUnit = null },
            Subscription() with { Quantity = 0, Discount = -10, TrialEnd = Start.AddSeconds(-1), CanceledAt = Start.AddDays(-1) },
            Charge() with { Fee = -1 },
            Customer() with { Country = "GBR", Email = "not-an-email" },
            new SubscriptionChange { Oid = "s", PlanOid = "p", OccurredAt = Start, Quantity = 0 });

        Assert.Equal(
            [(0, "amount"), (0, "interval_count"), (0, "trial_duration_unit"),
             (1, "quantity"), (1, "discount"), (1, "trial_end"), (1, "canceled_at"),
             (2, "fee"), (3, "country"), (3, "email"), (4, "quantity")],
            errors);
    }

    [Fact]
    public void Add_ons_are_checked_with_their_position()
    {
        var subscription = Subscription() with
        {
            AddOns = [new() { Oid = "seats", Amount = 100 }, new() { Oid = "seats", Amount = -1, Quantity = 0 }, new() { Amount = 5 }],
        };

        Assert.Equal(
            [(0, "addons[1].amount"), (0, "addons[1].quantity"), (0, "addons[1].oid"), (0, "addons[2].oid")],
            Errors(subscription));
    }

    [Fact]
    public void Equal_instants_are_allowed_for_trial_end_and_cancellation() =>
        Assert.Empty(Errors(Subscription() with { TrialEnd = Start, CanceledAt = Start }));

    [Fact]
    public void Writing_and_deleting_the_same_object_in_one_batch_is_refused() =>
        Assert.Equal([(1, "oid")], Errors(Customer("c"), new Deletion { Target = ImportObjectKind.Customer, Oid = "c" },
            new Deletion { Target = ImportObjectKind.Plan, Oid = "c" }));

    [Fact]
    public void A_charge_status_is_required_but_kind_is_optional() =>
        Assert.Equal([(0, "status")], Errors(Charge() with { Status = null, Kind = null }, Charge() with { Status = ChargeStatus.Failed }));
}
