namespace Dashboard.Infrastructure.Demo.Simulation;

// What a subscription costs per period (plan, seats, add-ons, coupon) and how likely trials convert and customers leave.
internal sealed partial class CustomerSimulation
{
    private Coupon? StartingCoupon(DemoPlan plan, DateTimeOffset start, bool trial, string channel)
    {
        var applied = trial ? start.AddDays(14) : start;
        if (channel == "partner" && random.Chance(0.08))
        {
            return new Coupon("PARTNER100", 100, 0, 0, applied);
        }

        var x = random.NextDouble();
        return x switch
        {
            < 0.05 => new Coupon("LAUNCH20", 20, 0, 0, applied),
            < 0.11 => new Coupon("HALFOFF3", 50, 0, 3, applied),
            < 0.14 when plan.Spec.Cycle == Cycle.Monthly => new Coupon("FIRSTMONTHFREE", 100, 0, 1, applied),
            < 0.16 when plan.Spec.Cycle != Cycle.Weekly => new Coupon("TAKE10", 0, DemoPlanCatalog.Localize(1_000, currency), 0, applied),
            < 0.165 => new Coupon("FRIENDS100", 100, 0, 0, applied),
            _ => null,
        };
    }

    private long AddOnPeriodAmount(AddOnKind kind, DemoPlan plan)
    {
        var monthly = DemoPlanCatalog.Localize(DemoPlanCatalog.AddOnMonthlyUsd(kind), currency);
        return plan.Spec.Cycle switch
        {
            Cycle.Annual => monthly * 10,
            Cycle.Quarterly => monthly * 3,
            Cycle.Weekly => monthly / 4,
            _ => monthly,
        };
    }

    private long GrossAmount(Terms terms)
    {
        var amount = terms.Plan.Amount * terms.Quantity;
        foreach (var addOn in terms.AddOns)
        {
            amount += AddOnPeriodAmount(addOn.Kind, terms.Plan) * addOn.Quantity;
        }

        return amount;
    }

    private long Discount(Terms terms)
    {
        if (terms.Coupon is not { } coupon)
        {
            return 0;
        }

        var gross = GrossAmount(terms);
        return coupon.PercentOff > 0
            ? (long)Math.Round(gross * coupon.PercentOff / 100m, MidpointRounding.AwayFromZero)
            : Math.Min(gross, coupon.AmountOffMinor);
    }

    private long PeriodAmount(Terms terms) => Math.Max(0, GrossAmount(terms) - Discount(terms));

    private double TrialConversion(PlanFamily family) => Math.Min(0.95, conversionFactor * family switch
    {
        PlanFamily.Starter => 0.52,
        PlanFamily.Growth => 0.48,
        PlanFamily.Business => 0.42,
        PlanFamily.Team => 0.5,
        _ => 0.55,
    });

    /// <summary>Probability that the customer asks to cancel during one period of <paramref name="plan"/>.</summary>
    private double CancelProbability(DemoPlan plan)
    {
        if (plan.Spec.Cycle == Cycle.Annual)
        {
            var notRenewing = plan.Spec.Family switch
            {
                PlanFamily.Starter => 0.3,
                PlanFamily.Growth => 0.2,
                PlanFamily.Business => 0.12,
                _ => 0.15,
            };
            return Math.Min(0.9, notRenewing * churnFactor);
        }

        var monthly = plan.Spec.Family switch
        {
            PlanFamily.Starter => 0.045,
            PlanFamily.Growth => plan.Spec.Cycle == Cycle.Quarterly ? 0.025 : 0.028,
            PlanFamily.Business => 0.016,
            PlanFamily.Team => 0.022,
            _ => 0.12,
        };
        return PerPeriod(Math.Min(0.9, monthly * churnFactor), plan.Spec.Months);
    }

    private static double PerPeriod(double monthlyHazard, double months) => 1 - Math.Pow(1 - monthlyHazard, months);
}
