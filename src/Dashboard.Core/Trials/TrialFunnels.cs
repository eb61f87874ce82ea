using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Trials;

/// <summary>Builds a <see cref="TrialFunnel"/> from the engine's timelines.</summary>
public static class TrialFunnels
{
    /// <summary>
    /// The trials that started in start..end among the customers <paramref name="filters"/> keep (with a plan filter,
    /// those whose trial began on a matching plan, as <c>new_trials</c> counts them), each as it stands at the end of
    /// <paramref name="end"/>.
    /// </summary>
    /// <exception cref="MetricQueryException">End before start, or a bad filter.</exception>
    public static TrialFunnel Compute(MetricsEngine engine, DateOnly start, DateOnly end, IReadOnlyList<SegmentFilter>? filters = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (end < start)
        {
            throw new MetricQueryException("end_date", $"end_date {end:yyyy-MM-dd} is before start_date {start:yyyy-MM-dd}.");
        }

        var set = engine.Current;
        var segment = CompiledSegment.Compile(filters, set);
        var (from, to) = (start.DayNumber, end.DayNumber);
        var scratch = new WalkScratch();
        var trials = new List<TrialEntry>();
        foreach (var chunk in set.Chunks)
        {
            var count = segment.Select(chunk, planAware: false, invert: false, scratch);
            for (var j = 0; j < count; j++)
            {
                var i = scratch.Selected[j];
                var mask = scratch.ApplyMask[j] ? segment.PlanMask : null;
                for (var s = chunk.SubStart[i]; s < chunk.SubStart[i + 1]; s++)
                {
                    var sub = chunk.Subs[s];
                    if (!sub.StartsWithTrial || sub.StartDay < from || sub.StartDay > to || (mask is not null && !mask[sub.PlanAtStart]))
                    {
                        continue;
                    }

                    trials.Add(Entry(chunk, i, sub, chunk.SubPoints.AsSpan(sub.PointStart, sub.PointCount), to, set.Plans));
                }
            }
        }

        trials.Sort(static (a, b) => a.Started != b.Started ? a.Started.CompareTo(b.Started) : a.CustomerId.CompareTo(b.CustomerId));
        return new TrialFunnel(start, end, trials);
    }

    private static TrialEntry Entry(CustomerChunk chunk, int i, SubscriptionSlot sub, ReadOnlySpan<SubscriptionPoint> points, int asOf, IReadOnlyList<PlanInfo> plans)
    {
        var plan = sub.PlanAtStart >= 0 && sub.PlanAtStart < plans.Count ? plans[sub.PlanAtStart].Name : string.Empty;
        TrialOutcome outcome;
        int? ended = null;
        if (sub.ConvertsTrial && sub.TrialEndDay <= asOf)
        {
            outcome = TrialOutcome.Converted;
            ended = sub.TrialEndDay;
        }
        else if (InTrialAt(points, sub.StartDay, asOf))
        {
            outcome = TrialOutcome.Trialing;
        }
        else
        {
            outcome = TrialOutcome.Lost;
            ended = TrialLeft(points, sub.StartDay) is { } left && left <= asOf ? left : Math.Min(sub.TrialEndDay, asOf);
        }

        return new TrialEntry(chunk.Ids[i], chunk.ExternalIds[i], chunk.Names[i], chunk.Emails[i], sub.ExternalId, plan,
            DateOnly.FromDayNumber(sub.StartDay), outcome, ended is { } e ? DateOnly.FromDayNumber(e) : null,
            outcome == TrialOutcome.Converted ? sub.TrialEndDay - sub.StartDay : null);
    }

    /// <summary>True when the subscription is in its trial at the end of <paramref name="day"/>.</summary>
    private static bool InTrialAt(ReadOnlySpan<SubscriptionPoint> points, int startDay, int day)
    {
        var inTrial = false;
        foreach (var p in points)
        {
            if (p.Day > day)
            {
                break;
            }

            inTrial = p.Day >= startDay && p.InTrial;
        }

        return inTrial;
    }

    /// <summary>The first day on or after the start on which the subscription is no longer in trial; null if it never leaves it.</summary>
    private static int? TrialLeft(ReadOnlySpan<SubscriptionPoint> points, int startDay)
    {
        foreach (var p in points)
        {
            if (p.Day >= startDay && !p.InTrial)
            {
                return p.Day;
            }
        }

        return null;
    }
}
