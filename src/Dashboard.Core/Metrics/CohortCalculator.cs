using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>
/// Cohorts by the month of each customer's first new movement. Each member's MRR changes are added to its cohort at
/// the period (month offset) they first show in, then summed per period, so the work is one pass over the points.
/// </summary>
internal static class CohortCalculator
{
    public static CohortTable Compute(TimelineSet set, CompiledSegment segment, DateOnly start, DateOnly end)
    {
        var firstMonth = MonthIndex(start);
        var cohortCount = MonthIndex(end) - firstMonth + 1;
        var members = new int[cohortCount];
        var startingMrr = new long[cohortCount];
        var activeDelta = new long[cohortCount][];
        var mrrDelta = new long[cohortCount][];
        for (var c = 0; c < cohortCount; c++)
        {
            activeDelta[c] = new long[cohortCount - c];
            mrrDelta[c] = new long[cohortCount - c];
        }

        var endDay = end.DayNumber;
        var (ordinals, _) = segment.Select(set, planAware: true);
        var total = ordinals?.Length ?? set.CustomerArray.Length;
        for (var n = 0; n < total; n++)
        {
            var customer = set.CustomerArray[ordinals is null ? n : ordinals[n]];
            if (customer.FirstDay > endDay)
            {
                continue;
            }

            var points = CustomerWalker.PointsFor(customer, segment.PlanMask);
            var first = Array.FindIndex(points, p => p.Mrr > 0);
            if (first < 0 || points[first].Day > endDay)
            {
                continue;
            }

            var cohortMonth = MonthIndex(DateOnly.FromDayNumber(points[first].Day));
            var cohort = cohortMonth - firstMonth;
            if (cohort < 0)
            {
                continue;
            }

            members[cohort]++;
            startingMrr[cohort] += points[first].Mrr;
            long previous = 0;
            for (var i = first; i < points.Length && points[i].Day <= endDay; i++)
            {
                var period = MonthIndex(DateOnly.FromDayNumber(points[i].Day)) - cohortMonth;
                mrrDelta[cohort][period] += points[i].Mrr - previous;
                activeDelta[cohort][period] += (points[i].Mrr > 0 ? 1 : 0) - (previous > 0 ? 1 : 0);
                previous = points[i].Mrr;
            }
        }

        var rows = new List<CohortRow>(cohortCount);
        for (var c = 0; c < cohortCount; c++)
        {
            var month = FromMonthIndex(firstMonth + c);
            var cells = new List<CohortCell>(cohortCount - c);
            long active = 0, mrr = 0;
            for (var k = 0; k < cohortCount - c; k++)
            {
                active += activeDelta[c][k];
                mrr += mrrDelta[c][k];
                var monthEnd = month.AddMonths(k + 1).AddDays(-1);
                cells.Add(new CohortCell(k, monthEnd > end ? end : monthEnd, (int)active, mrr,
                    Share(active, members[c]), Share(mrr, startingMrr[c])));
            }

            rows.Add(new CohortRow(month, members[c], startingMrr[c], cells));
        }

        return new CohortTable(set.Settings.ReportingCurrency, rows);
    }

    private static decimal? Share(long part, long whole) =>
        whole == 0 ? null : Math.Round(part * 100m / whole, 4, MidpointRounding.AwayFromZero);

    private static int MonthIndex(DateOnly date) => (date.Year * 12) + date.Month - 1;

    private static DateOnly FromMonthIndex(int index) => new(index / 12, (index % 12) + 1, 1);
}
