using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>
/// The per-customer contributions behind a drill-down. Each worker walks whole chunks into one reused ledger and
/// allocates only for the customers that end up in the list (a contribution or a movement in the window).
/// </summary>
internal static class DrillDownCalculator
{
    public static (decimal Numerator, List<CustomerContribution> Rows) Contributions(
        TimelineSet set, CompiledSegment segment, MetricDefinition metric, MetricWindow window)
    {
        var chunks = set.Chunks;
        var parts = metric.Parts | WalkParts.Mrr;
        var rows = new List<CustomerContribution>();
        decimal numerator = 0;

        // A flow metric only sees entries inside the window, and movements are listed from its start: a customer
        // with nothing on or after that day contributes nothing and is not listed, so it need not be walked.
        var flowOnly = metric.Kind == MetricKind.Flow && (parts & WalkParts.Retention) == 0;
        var withCash = (parts & WalkParts.Cash) != 0;
        ChunkParallel.For(
            chunks.Length,
            set.Count,
            () => (Rows: new List<CustomerContribution>(), Sum: new decimal[1], Ledger: new CustomerLedger(), Scratch: new WalkScratch()),
            (c, state) =>
            {
                var chunk = chunks[c];
                var count = segment.Select(chunk, planAware: false, invert: false, state.Scratch);
                for (var j = 0; j < count; j++)
                {
                    var i = state.Scratch.Selected[j];
                    if (chunk.FirstDays[i] > window.End || (flowOnly && QuietFrom(chunk, i, window.WindowStart, withCash)))
                    {
                        continue;
                    }

                    var mask = state.Scratch.ApplyMask[j] ? segment.PlanMask : null;
                    state.Ledger.Fill(chunk, i, mask, parts, state.Scratch);
                    var contribution = metric.Numerator(state.Ledger, window);
                    var movements = Movements(state.Ledger, window);
                    if (contribution != 0 || movements.Count > 0)
                    {
                        state.Sum[0] += contribution;
                        state.Rows.Add(new CustomerContribution(chunk.Ids[i], chunk.ExternalIds[i], chunk.Names[i], chunk.Emails[i], contribution, movements));
                    }
                }
            },
            state =>
            {
                numerator += state.Sum[0];
                rows.AddRange(state.Rows);
            });

        rows.Sort(static (a, b) =>
        {
            var bySize = Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution));
            return bySize != 0 ? bySize : a.CustomerId.CompareTo(b.CustomerId);
        });
        return (numerator, rows);
    }

    /// <summary>True when the customer has no MRR, subscription (or, with <paramref name="cash"/>, cash) entry on or after <paramref name="day"/>.</summary>
    private static bool QuietFrom(CustomerChunk chunk, int i, int day, bool cash)
    {
        if (chunk.LastDays[i] < day)
        {
            return true;
        }

        if (cash)
        {
            return false;
        }

        // Customer MRR and subscription entries fall on subscription point days, trial starts and trial ends.
        for (var s = chunk.SubStart[i]; s < chunk.SubStart[i + 1]; s++)
        {
            var slot = chunk.Subs[s];
            if (slot.PointCount > 0 && chunk.SubPoints[slot.PointStart + slot.PointCount - 1].Day >= day)
            {
                return false;
            }

            if (slot.StartsWithTrial && Math.Max(slot.StartDay, slot.TrialEndDay) >= day)
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<MovementEntry> Movements(CustomerLedger ledger, MetricWindow window)
    {
        List<MovementEntry>? movements = null;
        foreach (var (series, day, amount) in ledger.Entries)
        {
            if (day < window.WindowStart || day > window.End)
            {
                continue;
            }

            var kind = series switch
            {
                SeriesId.NewMrr => "new",
                SeriesId.ExpansionMrr => "expansion",
                SeriesId.ContractionMrr => "contraction",
                SeriesId.ChurnedMrr => "churn",
                SeriesId.ReactivationMrr => "reactivation",
                _ => null,
            };
            if (kind is not null)
            {
                (movements ??= []).Add(new MovementEntry(DateOnly.FromDayNumber(day), kind, amount));
            }
        }

        return movements ?? (IReadOnlyList<MovementEntry>)[];
    }
}
