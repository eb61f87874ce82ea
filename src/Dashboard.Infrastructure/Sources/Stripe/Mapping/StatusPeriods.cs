using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Sources.Stripe.Mapping;

/// <summary>A span of time with a status other than active: a trial, a past-due episode, a pause. Open when <see cref="To"/> is null.</summary>
public sealed record StatusPeriod(DateTimeOffset From, DateTimeOffset? To, SubscriptionStatus Status);

/// <summary>
/// Lays status periods over a history of terms: at every instant the terms are those of the state in effect and the
/// status that of the latest-starting period covering it (else the state's own). Each period therefore starts and
/// ends with a state, so a closed episode ends in the store too.
/// </summary>
public static class StatusPeriods
{
    public static List<StateRecord> Apply(IReadOnlyList<StateRecord> states, IEnumerable<StatusPeriod> periods)
    {
        var spans = periods.Where(p => p.To is not { } to || to > p.From).OrderBy(p => p.From).ToList();
        if (states.Count == 0 || spans.Count == 0)
        {
            return [.. states];
        }

        var instants = states.Select(s => s.EffectiveFrom)
            .Concat(spans.Select(p => p.From))
            .Concat(spans.Where(p => p.To is not null).Select(p => p.To!.Value))
            .Distinct().Order().ToList();
        var result = new List<StateRecord>(instants.Count);
        foreach (var t in instants)
        {
            var terms = states.LastOrDefault(s => s.EffectiveFrom <= t) ?? states[0];
            var covering = spans.LastOrDefault(p => p.From <= t && (p.To is not { } to || t < to));
            var state = terms with { EffectiveFrom = t, Status = covering?.Status ?? terms.Status };
            if (result.Count == 0 || !result[^1].SameTerms(state))
            {
                result.Add(state);
            }
        }

        return result;
    }
}
