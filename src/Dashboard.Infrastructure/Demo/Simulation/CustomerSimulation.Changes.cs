namespace Dashboard.Infrastructure.Demo.Simulation;

// Plan and add-on changes: which one a period brings and the terms after it.
internal sealed partial class CustomerSimulation
{
    private SubscriptionChange SampleChange(Terms terms)
    {
        var months = terms.Plan.Spec.Months;
        bool Fires(double monthlyHazard) => random.Chance(PerPeriod(monthlyHazard, months));
        var spec = terms.Plan.Spec;
        var hasStorage = Array.Exists(terms.AddOns, a => a.Kind == AddOnKind.ExtraStorage);
        var hasSupport = Array.Exists(terms.AddOns, a => a.Kind == AddOnKind.PrioritySupport);
        var hasSso = Array.Exists(terms.AddOns, a => a.Kind == AddOnKind.SingleSignOn);
        switch (spec.Family)
        {
            case PlanFamily.Starter when Fires(0.02 / churnFactor):
                return SubscriptionChange.Upgrade;
            case PlanFamily.Growth when spec.Cycle != Cycle.Quarterly && Fires(0.011):
                return SubscriptionChange.Upgrade;
            case PlanFamily.Growth when spec.Cycle != Cycle.Quarterly && Fires(0.009 * churnFactor):
                return SubscriptionChange.Downgrade;
            case PlanFamily.Business when Fires(0.007 * churnFactor):
                return SubscriptionChange.Downgrade;
            case PlanFamily.Team when Fires(0.07):
                return SubscriptionChange.SeatsUp;
            case PlanFamily.Team when terms.Quantity > 1 && Fires(0.03 * churnFactor):
                return SubscriptionChange.SeatsDown;
            case PlanFamily.Sprint when Fires(0.03):
                return SubscriptionChange.SprintToStarter;
        }

        if (spec.Family is PlanFamily.Growth or PlanFamily.Business or PlanFamily.Team && spec.Cycle != Cycle.Weekly)
        {
            if (!hasSupport && Fires(0.008))
            {
                return SubscriptionChange.AddPrioritySupport;
            }

            if (!hasStorage && Fires(0.008))
            {
                return SubscriptionChange.AddStorage;
            }

            if (hasStorage && Fires(0.02))
            {
                return SubscriptionChange.MoreStorage;
            }

            if (spec.Family == PlanFamily.Business && !hasSso && Fires(0.01))
            {
                return SubscriptionChange.AddSso;
            }
        }

        if (terms.AddOns.Length > 0 && Fires(0.012))
        {
            return SubscriptionChange.RemoveAddOn;
        }

        if (spec.Cycle == Cycle.Monthly && spec.Family != PlanFamily.Usage && Fires(0.008))
        {
            return SubscriptionChange.ToAnnual;
        }

        return SubscriptionChange.None;
    }

    /// <summary>The terms after <paramref name="change"/> and whether they apply at once (with proration) or from the next period.</summary>
    private (Terms Terms, bool Immediate) Apply(Terms terms, SubscriptionChange change)
    {
        var spec = terms.Plan.Spec;
        switch (change)
        {
            case SubscriptionChange.Upgrade:
            {
                var family = spec.Family == PlanFamily.Starter ? PlanFamily.Growth : PlanFamily.Business;
                var plan = world.Catalog.FindPlan(family, spec.Cycle, currency);
                return plan is null ? (terms, false) : (terms with { Plan = plan }, true);
            }

            case SubscriptionChange.Downgrade:
            {
                var family = spec.Family == PlanFamily.Business ? PlanFamily.Growth : PlanFamily.Starter;
                var plan = world.Catalog.FindPlan(family, spec.Cycle, currency);
                var addOns = Array.FindAll(terms.AddOns, a => a.Kind != AddOnKind.SingleSignOn);
                return plan is null ? (terms, false) : (terms with { Plan = plan, AddOns = addOns }, false);
            }

            case SubscriptionChange.SeatsUp:
                return (terms with { Quantity = terms.Quantity + random.Next(1, 4) }, true);
            case SubscriptionChange.SeatsDown:
                return (terms with { Quantity = Math.Max(1, terms.Quantity - random.Next(1, 3)) }, false);
            case SubscriptionChange.AddPrioritySupport:
                return (WithAddOn(terms, AddOnKind.PrioritySupport, 1), true);
            case SubscriptionChange.AddStorage:
                return (WithAddOn(terms, AddOnKind.ExtraStorage, random.Next(1, 4)), true);
            case SubscriptionChange.AddSso:
                return (WithAddOn(terms, AddOnKind.SingleSignOn, 1), true);
            case SubscriptionChange.MoreStorage:
            {
                var addOns = Array.ConvertAll(terms.AddOns, a => a.Kind == AddOnKind.ExtraStorage ? a with { Quantity = a.Quantity + 1 } : a);
                return (terms with { AddOns = addOns }, true);
            }

            case SubscriptionChange.RemoveAddOn:
            {
                var drop = random.Next(0, terms.AddOns.Length);
                var addOns = terms.AddOns.Where((_, i) => i != drop).ToArray();
                return (terms with { AddOns = addOns }, false);
            }

            case SubscriptionChange.ToAnnual:
            {
                var plan = world.Catalog.FindPlan(spec.Family, Cycle.Annual, currency);
                return plan is null ? (terms, false) : (terms with { Plan = plan }, false);
            }

            case SubscriptionChange.SprintToStarter:
                return (terms with { Plan = world.Catalog.FindPlan("starter_monthly", currency)!, Quantity = 1 }, false);
            default:
                return (terms, false);
        }
    }

    private Terms WithAddOn(Terms terms, AddOnKind kind, int quantity)
    {
        var addOns = new AddOnTerm[terms.AddOns.Length + 1];
        terms.AddOns.CopyTo(addOns, 0);
        addOns[^1] = new AddOnTerm(ExternalId("si_", ++ids.AddOnItem), kind, quantity);
        return terms with { AddOns = addOns };
    }
}
