namespace Dashboard.Core.Timelines;

/// <summary>Compiles one customer's rows into a <see cref="CustomerTimeline"/>. Thread-safe.</summary>
internal sealed class CustomerCompiler(SubscriptionMrrCalculator calculator, IReadOnlyDictionary<long, FieldInfo> fields, int fieldCount)
{
    public CustomerTimeline Compile(
        in CustomerRow customer,
        ReadOnlySpan<SubscriptionRow> subscriptions,
        ReadOnlySpan<StateRow> allStates,
        (int Start, int Count)[] stateRanges,
        int subscriptionOffset,
        ReadOnlySpan<CashRow> cash,
        ReadOnlySpan<AttributeRow> attributes)
    {
        var first = int.MaxValue;
        var last = int.MinValue;
        var timelines = new SubscriptionTimeline[subscriptions.Length];
        for (var i = 0; i < subscriptions.Length; i++)
        {
            var (start, count) = stateRanges[subscriptionOffset + i];
            var states = allStates.Slice(start, count).ToArray();
            Array.Sort(states, static (a, b) =>
            {
                var byTime = a.EffectiveFrom.CompareTo(b.EffectiveFrom);
                return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
            });
            var timeline = calculator.Compute(subscriptions[i], states);
            timelines[i] = timeline;
            foreach (var p in timeline.Points)
            {
                first = Math.Min(first, p.Day);
                last = Math.Max(last, p.Day);
            }

            if (timeline.StartsWithTrial)
            {
                first = Math.Min(first, timeline.StartDay);
                last = Math.Max(last, timeline.TrialEndDay);
            }
        }

        var entries = new CashEntry[cash.Length];
        for (var i = 0; i < cash.Length; i++)
        {
            entries[i] = cash[i].Entry;
            first = Math.Min(first, entries[i].Day);
            last = Math.Max(last, entries[i].Day);
        }

        Array.Sort(entries, static (a, b) => a.Day.CompareTo(b.Day));

        var values = new string?[fieldCount];
        foreach (var attribute in attributes)
        {
            if (!fields.TryGetValue(attribute.FieldId, out var field))
            {
                throw new InvalidOperationException($"An attribute value of customer {customer.Id} refers to field id {attribute.FieldId}, which was not added.");
            }

            values[field.Ordinal] = attribute.Value;
        }

        return new CustomerTimeline
        {
            Id = customer.Id,
            SourceId = customer.SourceId,
            ExternalId = customer.ExternalId,
            Name = customer.Name,
            Email = customer.Email,
            Country = customer.Country,
            Currency = customer.Currency,
            Attributes = values,
            Points = CustomerMrrMerger.Merge(timelines, null),
            Subscriptions = timelines,
            Cash = entries,
            FirstDay = first,
            LastDay = last,
        };
    }
}
