using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Features.Overview;

/// <summary>
/// When a card may show its change against the previous period (docs/ui.md, "Headline numbers"): only when the
/// previous period (the same number of days just before the range) lies wholly on or after the first day the store has
/// data for, and its figure is defined and not zero. Otherwise the card says "no comparable period" and why: a
/// previous window that starts before the data holds only part of a period (a churn rate over a few days of data can
/// read 15,000 %), and a change from zero has no percentage. The API's <c>previous</c> is left as the engine gives it.
/// </summary>
public static class PeriodComparison
{
    /// <summary>Why <paramref name="start"/>..<paramref name="end"/> has no comparable previous period; null when it has one.</summary>
    /// <param name="firstDataDay">The first day any customer has data; null when the store has none.</param>
    /// <param name="previous">The engine's figure for the previous period and the change to it.</param>
    public static string? WhyNot(DateOnly start, DateOnly end, DateOnly? firstDataDay, PreviousValue? previous)
    {
        var days = MetricViewState.Days(start, end);
        var (previousStart, previousEnd) = (start.AddDays(-days), start.AddDays(-1));
        var window = PeriodLabels.Span(previousStart, previousEnd, withYear: true);
        if (firstDataDay is not { } first)
        {
            return $"The previous period ({window}) has no data.";
        }

        if (previousStart < first)
        {
            return $"The previous period ({window}) starts before the first day with data "
                + $"({first.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}), so a change against it would mislead.";
        }

        return previous?.Value switch
        {
            null => $"The metric has no value for the previous period ({window}).",
            0 => $"The previous period ({window}) was zero, so there is no percentage change.",
            _ => null,
        };
    }

    /// <summary>The card's change, or the reason it has none (<see cref="KpiCardModel.NoComparison"/>); both null when the card does not compare.</summary>
    public static (KpiDelta? Delta, string? NoComparison) For(
        DateOnly start, DateOnly end, DateOnly? firstDataDay, PreviousValue? previous, KpiTone upIs, string caption)
    {
        if (previous is null)
        {
            return (null, null);
        }

        return WhyNot(start, end, firstDataDay, previous) is { } why
            ? (null, why)
            : (KpiDelta.From(previous, upIs, caption), null);
    }
}
