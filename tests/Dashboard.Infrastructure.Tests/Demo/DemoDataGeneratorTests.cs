using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Demo;

namespace Dashboard.Infrastructure.Tests.Demo;

public sealed class DemoDataGeneratorTests(DefaultDemoDataFixture fixture) : IClassFixture<DefaultDemoDataFixture>
{
    private readonly DemoData data = fixture.Data;

    [Fact]
    public void Same_seed_options_and_day_give_identical_data()
    {
        var options = new DemoDataOptions { Customers = 800, Seed = 7 };
        var first = DemoHash.Compute(new DemoDataGenerator(options, DemoData.Today));
        var second = DemoHash.Compute(new DemoDataGenerator(options, DemoData.Today));
        var laterSameDay = DemoHash.Compute(new DemoDataGenerator(options, new DateTimeOffset(2026, 11, 22, 23, 59, 59, TimeSpan.Zero)));
        var otherBatching = DemoHash.Compute(new DemoDataGenerator(options with { BatchSize = 37 }, DemoData.Today));
        var otherSeed = DemoHash.Compute(new DemoDataGenerator(options with { Seed = 8 }, DemoData.Today));
        var otherDay = DemoHash.Compute(new DemoDataGenerator(options, DemoData.Today.AddDays(1)));

        Assert.Equal(first, second);
        Assert.Equal(first, laterSameDay);
        Assert.Equal(first, otherBatching);
        Assert.NotEqual(first, otherSeed);
        Assert.NotEqual(first, otherDay);
    }

    [Fact]
    public void Enumerating_twice_gives_the_same_rows_and_a_time_provider_is_accepted()
    {
        var generator = new DemoDataGenerator(new DemoDataOptions { Customers = 300 }, new FixedTime(DemoData.Today));
        Assert.Equal(DemoHash.Compute(generator), DemoHash.Compute(generator));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), generator.HistoryEnd);
        Assert.Equal(new DateTimeOffset(2024, 11, 22, 0, 0, 0, TimeSpan.Zero), generator.HistoryStart);
    }

    [Fact]
    public void Batches_hold_the_requested_number_of_customers()
    {
        Assert.Equal(1_500, data.Customers.Count);
        Assert.Equal(2, data.Batches);
        var batches = new DemoDataGenerator(new DemoDataOptions { Customers = 250, BatchSize = 100 }, DemoData.Today).GenerateBatches().ToList();
        Assert.Equal([100, 100, 50], batches.Select(b => b.Customers.Count));
        Assert.Equal([0, 1, 2], batches.Select(b => b.Index));
    }

    [Fact]
    public void Ids_are_sequential_per_table_from_one_and_external_ids_unique()
    {
        AssertSequential(data.Customers.Select(c => c.Id));
        AssertSequential(data.Subscriptions.Select(s => s.Id));
        AssertSequential(data.States.Select(s => s.Id));
        AssertSequential(data.AddOns.Select(a => a.Id));
        AssertSequential(data.Charges.Select(c => c.Id));
        AssertSequential(data.Refunds.Select(r => r.Id));
        AssertSequential(data.CancellationEvents.Select(e => e.Id));
        AssertSequential(data.Catalog.Plans.Select(p => p.Id));
        AssertSequential(data.Catalog.AttributeFields.Select(f => f.Id));
        AssertSequential(data.Catalog.CancellationReasons.Select(r => r.Id));

        AssertUnique(data.Customers.Select(c => c.ExternalId));
        AssertUnique(data.Subscriptions.Select(s => s.ExternalId));
        AssertUnique(data.Charges.Select(c => c.ExternalId));
        AssertUnique(data.Refunds.Select(r => r.ExternalId));
        AssertUnique(data.Catalog.Plans.Select(p => p.ExternalId));
        AssertUnique(data.Attributes.Select(a => (a.CustomerId, a.FieldId)));
        Assert.All(data.Customers, c => Assert.StartsWith("cus_", c.ExternalId));
        Assert.All(data.Charges, c => Assert.StartsWith("ch_", c.ExternalId));
    }

    [Fact]
    public void Id_offsets_shift_every_table()
    {
        var offsets = new DemoIdOffsets { Customers = 1000, Charges = 50, Plans = 3, AttributeFields = 2 };
        var shifted = DemoData.Create(new DemoDataOptions { Customers = 20, IdOffsets = offsets });
        Assert.Equal(1001, shifted.Customers[0].Id);
        Assert.Equal(51, shifted.Charges[0].Id);
        Assert.Equal(4, shifted.Catalog.Plans[0].Id);
        Assert.All(shifted.States, s => Assert.Contains(s.PlanId, shifted.Catalog.Plans.Select(p => p.Id)));
        Assert.All(shifted.Attributes, a => Assert.Contains(a.FieldId, shifted.Catalog.AttributeFields.Select(f => f.Id)));
    }

    [Fact]
    public void Foreign_keys_point_at_generated_rows_of_the_same_customer()
    {
        var customers = data.Customers.ToDictionary(c => c.Id);
        var subscriptions = data.Subscriptions.ToDictionary(s => s.Id);
        var charges = data.Charges.ToDictionary(c => c.Id);
        var states = data.States.ToDictionary(s => s.Id);
        var plans = data.Catalog.Plans.Select(p => p.Id).ToHashSet();
        var fields = data.Catalog.AttributeFields.Select(f => f.Id).ToHashSet();
        var reasons = data.Catalog.CancellationReasons.Select(r => r.Id).ToHashSet();

        Assert.All(data.Subscriptions, s => Assert.True(customers.ContainsKey(s.CustomerId)));
        Assert.All(data.States, s => Assert.True(subscriptions.ContainsKey(s.SubscriptionId) && plans.Contains(s.PlanId)));
        Assert.All(data.AddOns, a => Assert.True(states.ContainsKey(a.SubscriptionStateId)));
        Assert.All(data.Attributes, a => Assert.True(customers.ContainsKey(a.CustomerId) && fields.Contains(a.FieldId)));
        Assert.All(data.CancellationEvents, e => Assert.True(customers.ContainsKey(e.CustomerId) && reasons.Contains(e.ReasonId)));
        Assert.All(data.Charges, c =>
        {
            Assert.True(customers.ContainsKey(c.CustomerId));
            if (c.SubscriptionId is { } id)
            {
                Assert.Equal(subscriptions[id].CustomerId, c.CustomerId);
            }
        });
        Assert.All(data.Refunds, r => Assert.True(charges.ContainsKey(r.ChargeId)));
        Assert.All(data.Customers.Concat<object>(data.Subscriptions).Concat(data.Charges).Concat(data.Refunds).Concat(data.Catalog.Plans),
            row => Assert.Equal(1L, row switch
            {
                Customer c => c.SourceId,
                Subscription s => s.SourceId,
                Charge c => c.SourceId,
                Refund r => r.SourceId,
                Plan p => p.SourceId,
                _ => 0,
            }));

        // The navigation lists hold the same rows as the flat lists.
        Assert.Equal(data.States.Count, data.Subscriptions.Sum(s => s.States.Count));
        Assert.Equal(data.AddOns.Count, data.States.Sum(s => s.AddOns.Count));
        Assert.Equal(data.Attributes.Count, data.Customers.Sum(c => c.Attributes.Count));
    }

    [Fact]
    public void States_are_ordered_start_with_the_subscription_and_stop_at_cancellation()
    {
        var end = data.Generator.HistoryEnd;
        foreach (var subscription in data.Subscriptions)
        {
            var states = subscription.States;
            Assert.NotEmpty(states);
            Assert.Equal(subscription.StartedAt, states[0].EffectiveFrom);
            for (var i = 1; i < states.Count; i++)
            {
                Assert.True(states[i].EffectiveFrom > states[i - 1].EffectiveFrom, $"{subscription.ExternalId}: states out of order");
            }

            Assert.All(states, s => Assert.True(s.EffectiveFrom < end));
            if (subscription.CanceledAt is { } canceledAt)
            {
                Assert.All(states, s => Assert.True(s.EffectiveFrom <= canceledAt, $"{subscription.ExternalId}: state after cancellation"));
                Assert.Equal(SubscriptionStatus.Canceled, states[^1].Status);
                Assert.Equal(canceledAt, states[^1].EffectiveFrom);
                Assert.True(canceledAt < end);
            }
            else
            {
                Assert.DoesNotContain(states, s => s.Status == SubscriptionStatus.Canceled);
            }

            if (subscription.TrialEnd is { } trialEnd)
            {
                Assert.Equal(SubscriptionStatus.Trialing, states[0].Status);
                Assert.All(states.Where(s => s.EffectiveFrom >= trialEnd), s => Assert.NotEqual(SubscriptionStatus.Trialing, s.Status));
            }
            else
            {
                Assert.DoesNotContain(states, s => s.Status == SubscriptionStatus.Trialing);
            }

            Assert.All(states, s => Assert.InRange(s.DiscountMinor, 0, Gross(s)));
        }
    }

    [Fact]
    public void Every_plan_interval_is_used()
    {
        var used = data.States.Select(s => s.PlanId).ToHashSet();
        var usedPlans = data.Catalog.Plans.Where(p => used.Contains(p.Id)).ToList();
        Assert.Contains(usedPlans, p => p is { Interval: BillingInterval.Week, IntervalCount: 1 });
        Assert.Contains(usedPlans, p => p is { Interval: BillingInterval.Month, IntervalCount: 1, IsMetered: false });
        Assert.Contains(usedPlans, p => p is { Interval: BillingInterval.Month, IntervalCount: 3 });
        Assert.Contains(usedPlans, p => p is { Interval: BillingInterval.Year });
        Assert.Contains(usedPlans, p => p.IsMetered);
        Assert.Equal(data.Catalog.Plans.Count, usedPlans.Count);
        Assert.Contains(data.Catalog.Plans, p => p is { Name: "Growth", AmountMinor: 9_900 });
        Assert.Contains(data.Catalog.Plans, p => p is { Name: "Growth (annual)", AmountMinor: 99_000, Interval: BillingInterval.Year });
    }

    [Fact]
    public void Trials_convert_or_end()
    {
        var trials = data.Subscriptions.Where(s => s.TrialEnd is not null && s.TrialEnd < data.Generator.HistoryEnd).ToList();
        var converted = trials.Count(s => s.States.Any(st => st.EffectiveFrom == s.TrialEnd && st.Status == SubscriptionStatus.Active));
        var lost = trials.Count(s => s.CanceledAt == s.TrialEnd);
        Assert.Equal(trials.Count, converted + lost);
        Assert.InRange(converted / (double)trials.Count, 0.3, 0.8);
        Assert.All(trials, s => Assert.Equal(s.StartedAt.AddDays(14), s.TrialEnd));
    }

    [Fact]
    public void Upgrades_downgrades_seat_changes_add_ons_and_coupons_exist()
    {
        var plans = data.Catalog.Plans.ToDictionary(p => p.Id);
        int upgrades = 0, downgrades = 0, expansions = 0, contractions = 0, seatChanges = 0;
        foreach (var subscription in data.Subscriptions)
        {
            var paying = subscription.States.Where(s => s.Status is SubscriptionStatus.Active or SubscriptionStatus.PastDue).ToList();
            for (var i = 1; i < paying.Count; i++)
            {
                var (before, after) = (paying[i - 1], paying[i]);
                var (a, b) = (plans[before.PlanId], plans[after.PlanId]);
                if (a.Id != b.Id && a.Interval == b.Interval && a.IntervalCount == b.IntervalCount)
                {
                    if (b.AmountMinor > a.AmountMinor)
                    {
                        upgrades++;
                    }
                    else
                    {
                        downgrades++;
                    }
                }

                seatChanges += before.Quantity != after.Quantity ? 1 : 0;
                var (m0, m1) = (Mrr(before, a), Mrr(after, b));
                expansions += m1 > m0 ? 1 : 0;
                contractions += m1 < m0 ? 1 : 0;
            }
        }

        Assert.True(upgrades > 10, $"upgrades: {upgrades}");
        Assert.True(downgrades > 5, $"downgrades: {downgrades}");
        Assert.True(seatChanges > 10, $"seat changes: {seatChanges}");
        Assert.True(expansions > 20 && contractions > 20, $"expansions {expansions}, contractions {contractions}");
        Assert.True(data.AddOns.Count > 10);
        Assert.Contains(data.States, s => s.DiscountMinor > 0 && s.DiscountMinor < Gross(s));
        Assert.Contains(data.States, s => s.DiscountMinor > 0 && s.DiscountMinor == Gross(s));
        Assert.Contains(data.States, s => s.Quantity > 5 && plans[s.PlanId].Name.StartsWith("Team", StringComparison.Ordinal));
    }

    [Fact]
    public void Cancellations_reactivations_and_involuntary_churn_exist()
    {
        var reactivated = data.Subscriptions.GroupBy(s => s.CustomerId).Count(group =>
        {
            var paid = group.Where(s => data.Charges.Any(c => c.SubscriptionId == s.Id && c.Status == ChargeStatus.Paid && c.Kind == ChargeKind.Recurring)).ToList();
            return paid.Any(earlier => earlier.CanceledAt is { } ended && paid.Any(later => later.StartedAt > ended));
        });
        Assert.True(reactivated >= 5, $"reactivated customers: {reactivated}");

        var voluntary = data.Subscriptions.Count(s => s.CancelRequestedAt is not null && s.CanceledAt is not null && s.CanceledAt != s.TrialEnd);
        var scheduled = data.Subscriptions.Count(s => s.CancelRequestedAt < s.CanceledAt && s.CanceledAt != s.TrialEnd);
        var involuntary = data.Subscriptions.Count(s => s.CanceledAt is not null && s.CancelRequestedAt is null && s.States.Count > 1 && s.States[^2].Status == SubscriptionStatus.PastDue);
        Assert.True(voluntary > 50, $"voluntary: {voluntary}");
        Assert.True(scheduled > 20, $"scheduled at period end: {scheduled}");
        Assert.True(involuntary > 3, $"involuntary: {involuntary}");
        Assert.NotEmpty(data.CancellationEvents);
    }

    [Fact]
    public void Failed_payments_are_past_due_and_mostly_recovered()
    {
        var failed = data.Charges.Where(c => c.Status == ChargeStatus.Failed).ToList();
        Assert.True(failed.Count > 20, $"failed charges: {failed.Count}");
        Assert.All(failed, c => Assert.Equal(0, c.FeeMinor));
        var subscriptions = data.Subscriptions.ToDictionary(s => s.Id);
        foreach (var charge in failed)
        {
            var state = StateAt(subscriptions[charge.SubscriptionId!.Value], charge.CreatedAt);
            Assert.Equal(SubscriptionStatus.PastDue, state.Status);
        }

        var recovered = failed.Select(c => c.SubscriptionId).Distinct().Count(id =>
            subscriptions[id!.Value].States.Zip(subscriptions[id.Value].States.Skip(1))
                .Any(pair => pair.First.Status == SubscriptionStatus.PastDue && pair.Second.Status == SubscriptionStatus.Active));
        Assert.True(recovered > 10, $"recovered: {recovered}");
    }

    [Fact]
    public void Charges_follow_the_states_every_billing_period()
    {
        var plans = data.Catalog.Plans.ToDictionary(p => p.Id);
        var bySubscription = data.Charges.Where(c => c.SubscriptionId is not null).ToLookup(c => c.SubscriptionId!.Value);
        var end = data.Generator.HistoryEnd;
        foreach (var subscription in data.Subscriptions)
        {
            var charges = bySubscription[subscription.Id].OrderBy(c => c.CreatedAt).ToList();
            var recurring = charges.Where(c => c.Kind == ChargeKind.Recurring).ToList();
            foreach (var charge in recurring)
            {
                Assert.True(charge.CreatedAt >= subscription.StartedAt);
                Assert.True(subscription.CanceledAt is null || charge.CreatedAt < subscription.CanceledAt, $"{charge.ExternalId} after cancellation");
                Assert.NotEqual(SubscriptionStatus.Trialing, StateAt(subscription, charge.CreatedAt).Status);
                Assert.True(charge.AmountMinor > 0);
            }

            if (subscription.States.All(s => plans[s.PlanId].IsMetered))
            {
                Assert.All(charges, c => Assert.Equal(ChargeKind.Metered, c.Kind));
                continue;
            }

            // Wherever the subscription is active and owes money, some recurring charge lies within one billing period.
            var states = subscription.States;
            for (var i = 0; i < states.Count; i++)
            {
                var state = states[i];
                if (state.Status != SubscriptionStatus.Active || Net(state) == 0)
                {
                    continue;
                }

                var until = i + 1 < states.Count ? states[i + 1].EffectiveFrom : subscription.CanceledAt ?? end;
                var period = PeriodLength(plans[state.PlanId]);
                foreach (var t in new[] { state.EffectiveFrom.AddHours(1), until.AddSeconds(-1) })
                {
                    if (t >= until || t < state.EffectiveFrom)
                    {
                        continue;
                    }

                    var last = recurring.LastOrDefault(c => c.CreatedAt <= t);
                    Assert.True(last is not null && t - last.CreatedAt <= period + TimeSpan.FromDays(1),
                        $"{subscription.ExternalId}: no charge within a period before {t:O}");
                }
            }
        }
    }

    [Fact]
    public void Fees_refunds_one_time_and_metered_charges_are_realistic()
    {
        var paid = data.Charges.Where(c => c.Status == ChargeStatus.Paid).ToList();
        Assert.All(paid, c => Assert.Equal((long)Math.Round(c.AmountMinor * 0.029m, MidpointRounding.AwayFromZero) + 30, c.FeeMinor));
        Assert.Contains(paid, c => c.Kind == ChargeKind.OneTime && c.SubscriptionId is not null);
        Assert.Contains(paid, c => c.Kind == ChargeKind.OneTime && c.SubscriptionId is null);
        Assert.True(paid.Count(c => c.Kind == ChargeKind.Metered) > 50);

        var charges = data.Charges.ToDictionary(c => c.Id);
        foreach (var group in data.Refunds.GroupBy(r => r.ChargeId))
        {
            var charge = charges[group.Key];
            Assert.Equal(ChargeStatus.Paid, charge.Status);
            Assert.True(group.Sum(r => r.AmountMinor) <= charge.AmountMinor, $"refunds exceed {charge.ExternalId}");
            Assert.All(group, r =>
            {
                Assert.True(r.AmountMinor > 0);
                Assert.True(r.CreatedAt > charge.CreatedAt && r.CreatedAt < data.Generator.HistoryEnd);
                Assert.Equal(charge.Currency, r.Currency);
            });
        }

        var refunded = data.Refunds.GroupBy(r => r.ChargeId).Select(g => (Charge: charges[g.Key], Amount: g.Sum(r => r.AmountMinor))).ToList();
        Assert.Contains(refunded, r => r.Amount == r.Charge.AmountMinor);
        Assert.Contains(refunded, r => r.Amount < r.Charge.AmountMinor);
    }

    [Fact]
    public void Customers_arrive_with_growth_over_two_years_in_usd()
    {
        var start = data.Generator.HistoryStart;
        var end = data.Generator.HistoryEnd;
        Assert.All(data.Customers, c => Assert.InRange(c.CreatedAt, start, end.AddTicks(-1)));
        Assert.Equal(data.Customers.OrderBy(c => c.CreatedAt).Select(c => c.Id), data.Customers.Select(c => c.Id));
        var firstYear = data.Customers.Count(c => c.CreatedAt < start.AddYears(1));
        Assert.True(data.Customers.Count - firstYear > firstYear * 1.5, "signups should grow");
        Assert.True(data.Customers.First().CreatedAt < start.AddDays(10));
        Assert.True(data.Customers.Last().CreatedAt > end.AddDays(-10));

        Assert.All(data.Customers, c => Assert.Equal("USD", c.Currency));
        Assert.All(data.Charges, c => Assert.Equal("USD", c.Currency));
        Assert.All(data.Catalog.Plans, p => Assert.Equal("USD", p.Currency));
        Assert.All(data.Customers, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
            Assert.Contains('@', c.Email!);
            Assert.Matches("^[A-Z]{2}$", c.Country!);
        });
        Assert.True(data.Customers.Select(c => c.Country).Distinct().Count() > 10);

        var instants = data.Customers.Select(c => c.CreatedAt)
            .Concat(data.Subscriptions.SelectMany(s => new[] { s.StartedAt, s.TrialEnd, s.CanceledAt, s.CancelRequestedAt }.OfType<DateTimeOffset>()))
            .Concat(data.States.Select(s => s.EffectiveFrom)).Concat(data.Charges.Select(c => c.CreatedAt))
            .Concat(data.Refunds.Select(r => r.CreatedAt)).Concat(data.CancellationEvents.Select(e => e.OccurredAt));
        Assert.All(instants, t => Assert.True(t.UtcTicks % TimeSpan.TicksPerSecond == 0 && t.Offset == TimeSpan.Zero, $"{t:O} is not a whole UTC second"));

        var lastEvent = data.Charges.Select(c => c.CreatedAt).Concat(data.Refunds.Select(r => r.CreatedAt)).Concat(data.States.Select(s => s.EffectiveFrom)).Max();
        Assert.True(lastEvent < end);
    }

    [Fact]
    public void Multi_currency_is_opt_in()
    {
        var multi = DemoData.Create(new DemoDataOptions { Customers = 600, MultiCurrency = true });
        Assert.Equal(["EUR", "GBP", "USD"], multi.Customers.Select(c => c.Currency!).Distinct().Order());
        var plans = multi.Catalog.Plans.ToDictionary(p => p.Id);
        var customers = multi.Customers.ToDictionary(c => c.Id);
        var subscriptions = multi.Subscriptions.ToDictionary(s => s.Id);
        Assert.All(multi.States, s => Assert.Equal(customers[subscriptions[s.SubscriptionId].CustomerId].Currency, plans[s.PlanId].Currency));
        Assert.All(multi.Charges, c => Assert.Equal(customers[c.CustomerId].Currency, c.Currency));
        Assert.All(multi.Customers.Where(c => c.Country == "GB"), c => Assert.Equal("GBP", c.Currency));
    }

    [Fact]
    public void Attributes_cover_marketing_sales_and_behaviour_with_valid_values()
    {
        var fields = data.Catalog.AttributeFields.ToDictionary(f => f.Id);
        Assert.Equal(DemoDataGenerator.AttributeKeys, data.Catalog.AttributeFields.Select(f => f.Key));
        Assert.Equal(AttributeType.Number, data.Catalog.AttributeFields.Single(f => f.Key == "files_uploaded").Type);
        Assert.Equal(AttributeType.Number, data.Catalog.AttributeFields.Single(f => f.Key == "seats_used").Type);
        Assert.Equal(AttributeType.Date, data.Catalog.AttributeFields.Single(f => f.Key == "signup_date").Type);
        Assert.All(data.Attributes, a =>
        {
            Assert.True(AttributeValues.TryNormalize(fields[a.FieldId].Type, a.Value, out var normalized));
            Assert.Equal(normalized, a.Value);
        });

        string[] Values(string key) => data.Attributes.Where(a => fields[a.FieldId].Key == key).Select(a => a.Value).Distinct().ToArray();
        Assert.Superset(new HashSet<string> { "google", "facebook", "twitter", "linkedin", "newsletter", "direct", "partner" }, Values("utm_source").ToHashSet());
        Assert.True(Values("crm_owner").Length >= 4);
        Assert.True(Values("industry").Length >= 8);
        Assert.True(Values("utm_campaign").Length >= 8);
        Assert.Contains("cpc", Values("utm_medium"));
        Assert.All(data.Customers, c => Assert.Contains(c.Attributes, a => fields[a.FieldId].Key == "utm_source"));
        Assert.Contains(data.Customers, c => !c.Attributes.Any(a => fields[a.FieldId].Key == "crm_owner"));
    }

    [Fact]
    public void Existing_fields_and_reasons_are_reused_not_repeated()
    {
        var reused = DemoData.Create(new DemoDataOptions
        {
            Customers = 50,
            ExistingAttributeFieldIds = new Dictionary<string, long> { ["utm_source"] = 77 },
            ExistingCancellationReasonIds = new Dictionary<string, long> { ["Too expensive"] = 5 },
        });
        Assert.DoesNotContain(reused.Catalog.AttributeFields, f => f.Key == "utm_source");
        Assert.Equal(50, reused.Attributes.Count(a => a.FieldId == 77));
        Assert.DoesNotContain(reused.Catalog.CancellationReasons, r => r.Text == "Too expensive");
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoDataGenerator(new DemoDataOptions { Customers = -1 }, DemoData.Today));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoDataGenerator(new DemoDataOptions { BatchSize = 0 }, DemoData.Today));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoDataGenerator(new DemoDataOptions { SourceId = 0 }, DemoData.Today));
    }

    [Fact]
    public void Streaming_fifty_thousand_customers_keeps_memory_bounded()
    {
        const long bound = 64L * 1024 * 1024;
        var generator = new DemoDataGenerator(new DemoDataOptions { Customers = 50_000, BatchSize = 1_000 }, DemoData.Today);
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, rows = 0, customers = 0;
        foreach (var batch in generator.GenerateBatches())
        {
            rows += batch.RowCount;
            customers += batch.Customers.Count;
            if (batch.Index % 10 == 9)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.Equal(50_000, customers);
        Assert.True(rows > 500_000, $"rows: {rows}");
        Assert.True(peak < bound, $"managed memory grew by {peak / 1024 / 1024} MiB while streaming");
    }

    private static void AssertSequential(IEnumerable<long> ids)
    {
        var list = ids.ToList();
        Assert.Equal(Enumerable.Range(1, list.Count).Select(i => (long)i), list);
    }

    private static void AssertUnique<T>(IEnumerable<T> values)
    {
        var list = values.ToList();
        Assert.Equal(list.Count, list.Distinct().Count());
    }

    private static SubscriptionState StateAt(Subscription subscription, DateTimeOffset at) =>
        subscription.States.Last(s => s.EffectiveFrom <= at);

    private static long Gross(SubscriptionState state) =>
        PlanAmount(state) * state.Quantity + state.AddOns.Sum(a => a.AmountMinor * a.Quantity);

    private static long Net(SubscriptionState state) => Math.Max(0, Gross(state) - state.DiscountMinor);

    private static long PlanAmount(SubscriptionState state) => PlanCache.Amounts[state.PlanId];

    private static decimal Mrr(SubscriptionState state, Plan plan)
    {
        var perYear = plan.Interval switch
        {
            BillingInterval.Week => 52m,
            BillingInterval.Month => 12m,
            BillingInterval.Year => 1m,
            _ => 365m,
        };
        return Net(state) * perYear / (12m * plan.IntervalCount);
    }

    private static TimeSpan PeriodLength(Plan plan) => plan.Interval switch
    {
        BillingInterval.Week => TimeSpan.FromDays(7 * plan.IntervalCount),
        BillingInterval.Month => TimeSpan.FromDays(31 * plan.IntervalCount),
        BillingInterval.Year => TimeSpan.FromDays(366 * plan.IntervalCount),
        _ => TimeSpan.FromDays(plan.IntervalCount),
    };

    private static class PlanCache
    {
        public static readonly Dictionary<long, long> Amounts =
            new DemoDataGenerator(new DemoDataOptions { Customers = 0 }, DemoData.Today).Catalog.Plans.ToDictionary(p => p.Id, p => p.AmountMinor);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
