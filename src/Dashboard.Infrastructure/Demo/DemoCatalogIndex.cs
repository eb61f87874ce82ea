namespace Dashboard.Infrastructure.Demo;

/// <summary>The catalog's plans, attribute field ids and cancellation reason ids, looked up while customers are simulated.</summary>
internal sealed class DemoCatalogIndex
{
    private readonly Dictionary<string, DemoPlan> plansByKeyAndCurrency = new(StringComparer.Ordinal);
    private readonly Dictionary<long, DemoPlan> plansById = [];
    private readonly Dictionary<string, long> fieldIds = new(StringComparer.Ordinal);

    /// <summary>The id of each of <see cref="DemoVocabulary.CancellationReasons"/>, in its order (0 when insights are off).</summary>
    public long[] ReasonIds { get; } = new long[DemoVocabulary.CancellationReasons.Length];

    public void AddPlan(string key, string currency, DemoPlan plan)
    {
        plansByKeyAndCurrency[key + "/" + currency] = plan;
        plansById[plan.Plan.Id] = plan;
    }

    public void AddField(string key, long id) => fieldIds[key] = id;

    public long FieldId(string key) => fieldIds[key];

    public long ReasonId(int reasonIndex) => ReasonIds[reasonIndex];

    /// <summary>The family of a generated plan (Starter for an id the catalog does not know).</summary>
    public PlanFamily FamilyOf(long planId)
    {
        if (!plansById.TryGetValue(planId, out var plan) || plan.Plan.Id != planId)
        {
            // The seeder gives plans ids reserved when it writes them: index them again by the ids they have now.
            plansById.Clear();
            foreach (var known in plansByKeyAndCurrency.Values)
            {
                plansById[known.Plan.Id] = known;
            }

            plansById.TryGetValue(planId, out plan);
        }

        return plan?.Spec.Family ?? PlanFamily.Starter;
    }

    public DemoPlan? FindPlan(string key, string currency) =>
        plansByKeyAndCurrency.GetValueOrDefault(key + "/" + currency);

    public DemoPlan? FindPlan(PlanFamily family, Cycle cycle, string currency)
    {
        foreach (var spec in DemoPlanCatalog.Specs)
        {
            if (spec.Family == family && spec.Cycle == cycle)
            {
                return FindPlan(spec.Key, currency);
            }
        }

        return null;
    }
}
