using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo;

/// <summary>Builds the demo source, its plans in every currency, the attribute fields and the cancellation reasons.</summary>
internal static class DemoCatalogBuilder
{
    /// <summary>The catalog rows (ids counted up from the offsets, existing fields and reasons left out) and their index.</summary>
    public static (DemoCatalog Catalog, DemoCatalogIndex Index) Build(DemoDataOptions options, DateTimeOffset historyStart)
    {
        var index = new DemoCatalogIndex();
        var source = new Source
        {
            Id = options.SourceId,
            Name = options.SourceName,
            Provider = SourceProvider.Demo,
            CreatedAt = historyStart,
        };

        var plans = new List<Plan>();
        var planId = options.IdOffsets.Plans;
        string[] currencies = options.MultiCurrency ? ["USD", "EUR", "GBP"] : ["USD"];
        foreach (var currency in currencies)
        {
            foreach (var spec in DemoPlanCatalog.Specs)
            {
                var plan = new Plan
                {
                    Id = ++planId,
                    SourceId = options.SourceId,
                    ExternalId = $"price_{spec.Key}_{currency.ToLowerInvariant()}",
                    Name = spec.Name,
                    Currency = currency,
                    AmountMinor = spec.Amount(currency),
                    Interval = spec.Interval,
                    IntervalCount = spec.IntervalCount,
                    TrialDuration = spec.Cycle is Cycle.Annual || spec.Metered ? null : 14,
                    TrialDurationUnit = spec.Cycle is Cycle.Annual || spec.Metered ? null : BillingInterval.Day,
                    IsMetered = spec.Metered,
                };
                plans.Add(plan);
                var demoPlan = new DemoPlan(plan, spec);
                index.AddPlan(spec.Key, currency, demoPlan);
            }
        }

        (string Key, string Title, AttributeType Type)[] fieldSpecs =
        [
            ("utm_source", "UTM source", AttributeType.String),
            ("utm_medium", "UTM medium", AttributeType.String),
            ("utm_campaign", "UTM campaign", AttributeType.String),
            ("crm_owner", "CRM owner", AttributeType.String),
            ("industry", "Industry", AttributeType.String),
            ("files_uploaded", "Files uploaded", AttributeType.Number),
            ("seats_used", "Seats used", AttributeType.Number),
            ("signup_date", "Signup date", AttributeType.Date),
            ("newsletter_opt_in", "Newsletter opt-in", AttributeType.Boolean),
        ];
        var fields = new List<AttributeField>();
        var fieldId = options.IdOffsets.AttributeFields;
        foreach (var (key, title, type) in fieldSpecs)
        {
            if (options.ExistingAttributeFieldIds?.TryGetValue(key, out var existing) == true)
            {
                index.AddField(key, existing);
                continue;
            }

            var field = new AttributeField { Id = ++fieldId, Key = key, Title = title, Type = type };
            fields.Add(field);
            index.AddField(key, field.Id);
        }

        var reasons = new List<CancellationReason>();
        var ids = index.ReasonIds;
        if (options.IncludeCancellationInsights)
        {
            var reasonId = options.IdOffsets.CancellationReasons;
            for (var i = 0; i < ids.Length; i++)
            {
                var text = DemoVocabulary.CancellationReasons[i].Item;
                if (options.ExistingCancellationReasonIds?.TryGetValue(text, out var existing) == true)
                {
                    ids[i] = existing;
                    continue;
                }

                var reason = new CancellationReason { Id = ++reasonId, Text = text, SortKey = i + 1 };
                reasons.Add(reason);
                ids[i] = reason.Id;
            }
        }

        return (new DemoCatalog { Source = source, Plans = plans, AttributeFields = fields, CancellationReasons = reasons }, index);
    }
}
