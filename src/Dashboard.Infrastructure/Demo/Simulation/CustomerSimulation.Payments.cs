using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo.Simulation;

// Money: setup fees, one-off services, metered usage, charges and refunds, and their ids in time order.
internal sealed partial class CustomerSimulation
{
    /// <summary>Setup fees, one-off services and a usage subscription, once a subscription is paying.</summary>
    private void AfterFirstPayment(Subscription main, DemoPlan plan, DateTimeOffset paidFrom)
    {
        if (extrasDone)
        {
            return;
        }

        extrasDone = true;

        var family = plan.Spec.Family;
        if (family == PlanFamily.Business && random.Chance(0.4))
        {
            var fee = AddCharge(main.Id, DemoPlanCatalog.Localize(49_900, currency), paidFrom.AddSeconds(random.Next(3_000, 3_600)), ChargeStatus.Paid, ChargeKind.OneTime);
            if (random.Chance(0.05))
            {
                AddRefund(fee, fee.Charge.AmountMinor, fee.Charge.CreatedAt.AddDays(random.Next(2, 20)));
            }
        }

        var endOrToday = main.CanceledAt ?? end;
        if (random.Chance(0.03))
        {
            var at = Whole(paidFrom.AddDays(random.Between(1, 40)));
            if (at < endOrToday)
            {
                AddCharge(null, DemoPlanCatalog.Localize(14_900, currency), at, ChargeStatus.Paid, ChargeKind.OneTime);
            }
        }

        if (family is PlanFamily.Growth or PlanFamily.Business && random.Chance(0.18) && (main.CanceledAt is not { } c || c > paidFrom.AddSeconds(1)))
        {
            SimulateUsage(paidFrom.AddSeconds(1), main.CanceledAt, family);
        }
    }

    /// <summary>A metered companion subscription billed monthly in arrears; it ends with the main subscription.</summary>
    private void SimulateUsage(DateTimeOffset start, DateTimeOffset? canceledAt, PlanFamily family)
    {
        var plan = world.Catalog.FindPlan("api_usage", currency)!;
        var subscription = NewSubscription(start);
        var terms = new Terms(plan, 1, [], null);
        var states = new List<PendingState>();
        Put(states, start, terms, SubscriptionStatus.Active);
        var median = DemoPlanCatalog.Localize(family == PlanFamily.Business ? 16_000 : 4_500, currency);
        for (var k = 1; ; k++)
        {
            // Usage is billed at each period end, and a last time when the subscription ends mid-period.
            var periodEnd = plan.PeriodStart(start, k);
            var billedAt = canceledAt is { } c0 && c0 <= periodEnd ? c0 : periodEnd;
            if (billedAt >= end)
            {
                break;
            }

            var usage = (long)Math.Round(random.LogNormal(median * (1 + 0.03 * k), 0.5));
            var at = billedAt == periodEnd ? billedAt.AddSeconds(random.Next(60, 3_000)) : billedAt;
            if (usage >= 50)
            {
                AddCharge(subscription.Id, usage, at < end ? at : billedAt, ChargeStatus.Paid, ChargeKind.Metered);
            }

            if (billedAt != periodEnd)
            {
                break;
            }
        }

        if (canceledAt is { } c)
        {
            subscription.CanceledAt = c;
            Put(states, c, terms, SubscriptionStatus.Canceled);
        }

        Materialize(subscription, states);
    }

    private ChargeRecord AddCharge(long? subscriptionId, long amount, DateTimeOffset at, ChargeStatus status, ChargeKind kind)
    {
        var charge = new Charge
        {
            SourceId = SourceId,
            ExternalId = string.Empty,
            CustomerId = customer.Id,
            SubscriptionId = subscriptionId,
            AmountMinor = amount,
            FeeMinor = status == ChargeStatus.Paid ? (long)Math.Round(amount * 0.029m, MidpointRounding.AwayFromZero) + 30 : 0,
            Currency = currency,
            CreatedAt = Whole(at),
            Status = status,
            Kind = kind,
        };
        var record = new ChargeRecord(charge, charges.Count);
        charges.Add(record);
        return record;
    }

    private void MaybeRefund(ChargeRecord charge)
    {
        var x = random.NextDouble();
        if (x < 0.006)
        {
            AddRefund(charge, charge.Charge.AmountMinor, charge.Charge.CreatedAt.AddHours(1 + random.Exponential(96)));
        }
        else if (x < 0.018)
        {
            var part = (long)Math.Round(charge.Charge.AmountMinor * random.Between(0.1, 0.5));
            AddRefund(charge, part, charge.Charge.CreatedAt.AddHours(1 + random.Exponential(96)));
        }
    }

    private void AddRefund(ChargeRecord charge, long amount, DateTimeOffset at)
    {
        amount = Math.Min(amount, charge.Charge.AmountMinor - charge.Refunded);
        if (amount <= 0 || at >= end || charge.Charge.Status != ChargeStatus.Paid)
        {
            return;
        }

        charge.Refunded += amount;
        refunds.Add(new PendingRefund(charge, amount, Whole(at), refunds.Count));
    }

    /// <summary>Gives the customer's charges and refunds their ids in time order and adds them to the batch.</summary>
    private void MaterializeMoney()
    {
        charges.Sort(static (a, b) =>
        {
            var c = a.Charge.CreatedAt.CompareTo(b.Charge.CreatedAt);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        });
        foreach (var record in charges)
        {
            record.Charge.Id = ++ids.Charge;
            record.Charge.ExternalId = ExternalId("ch_", record.Charge.Id);
            batch.Charges.Add(record.Charge);
        }

        refunds.Sort(static (a, b) =>
        {
            var c = a.At.CompareTo(b.At);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        });
        foreach (var pending in refunds)
        {
            var refund = new Refund
            {
                Id = ++ids.Refund,
                SourceId = SourceId,
                ExternalId = string.Empty,
                ChargeId = pending.Charge.Charge.Id,
                AmountMinor = pending.Amount,
                Currency = pending.Charge.Charge.Currency,
                CreatedAt = pending.At,
            };
            refund.ExternalId = ExternalId("re_", refund.Id);
            batch.Refunds.Add(refund);
        }
    }
}
