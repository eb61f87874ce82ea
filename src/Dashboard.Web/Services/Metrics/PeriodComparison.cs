using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Money;
using Dashboard.Web.Features.Metrics;

namespace Dashboard.Web.Services.Metrics;

/// <summary>How a change is measured: relative to the previous figure, or as the difference of two percentages.</summary>
public enum ChangeUnit
{
    /// <summary>(current - previous) / |previous| * 100, "▲ 4.2 %".</summary>
    Percent,

    /// <summary>current - previous of a percentage (churn, conversion, growth, retention), "▼ 2.1 pts".</summary>
    Points,
}

/// <summary>
/// A figure's change against the previous period, or why it has none (<see cref="NoComparison"/>); both empty when the
/// view does not compare (see <see cref="PeriodComparison"/>).
/// </summary>
public sealed record PeriodChange(decimal? Amount, ChangeUnit Unit, string? NoComparison)
{
    public static readonly PeriodChange NotCompared = new(null, ChangeUnit.Percent, null);

    /// <summary>What every surface (cards, the metric page, export emails) says instead of a change that would mislead.</summary>
    public const string NoComparableText = "no comparable period";

    public static PeriodChange Not(string why) => new(null, ChangeUnit.Percent, why);

    /// <summary>"4.2 %" or "2.1 pts" without a sign; empty without a change.</summary>
    public string Text => Amount is not { } amount
        ? string.Empty
        : Unit == ChangeUnit.Points
            ? Math.Abs(amount).ToString("#,0.0", CultureInfo.InvariantCulture) + " pts"
            : NumberFormat.Percent(Math.Abs(amount));

    /// <summary>"+4.2 %", "-2.1 pts", "0.0 %"; empty without a change.</summary>
    public string Signed => Amount is not { } amount ? string.Empty : (amount > 0 ? "+" : amount < 0 ? "-" : string.Empty) + Text;
}

/// <summary>
/// The one rule for a figure's change against the previous period (docs/ui.md, "Headline numbers"), used by the
/// Overview's cards and the metric page's headline and table alike. A change is shown only when the previous period
/// lies wholly within the data, the figure has a value in both periods, and the previous period's base (a rate's
/// denominator, a stock's or a flow's own figure; <see cref="ComparisonBase"/>) is at least
/// <see cref="MinimumCustomers"/> customers (any count) or <see cref="MinimumMajorUnits"/> of the currency, and at least
/// a tenth of the current period's base. A percentage compares in points ("▼ 2.1 pts"), anything else in percent of
/// the previous figure. The API's <c>previous</c> is left as the engine gives it.
/// </summary>
public static class PeriodComparison
{
    /// <summary>The smallest count (customers, trials) a previous period's base may have.</summary>
    public const int MinimumCustomers = 10;

    /// <summary>The smallest amount of money, in whole units of the reporting currency, a previous period's base may have.</summary>
    public const int MinimumMajorUnits = 1_000;

    /// <summary>The previous base must be at least this share of the current one.</summary>
    public const decimal MinimumShare = 0.1m;

    /// <summary>The change of <paramref name="current"/> against <paramref name="previous"/>, or why there is none.</summary>
    /// <param name="metric">The metric, for its unit.</param>
    /// <param name="currency">The reporting currency, for money in the reasons.</param>
    /// <param name="firstDataDay">The first day any customer has data; null when the store has none.</param>
    /// <param name="current">The figure of the current period.</param>
    /// <param name="previous">The engine's figure for the previous period; null when the view does not compare.</param>
    /// <param name="bases">The previous period's window and both periods' bases.</param>
    public static PeriodChange Of(MetricDefinition metric, string currency, DateOnly? firstDataDay, decimal? current, PreviousValue? previous,
        ComparisonBase? bases)
    {
        if (previous is null || bases is null)
        {
            return PeriodChange.NotCompared;
        }

        var window = PeriodLabels.Span(bases.PreviousStart, bases.PreviousEnd, withYear: true);
        if (firstDataDay is not { } first)
        {
            return PeriodChange.Not($"The previous period ({window}) has no data.");
        }

        if (bases.PreviousStart < first)
        {
            return PeriodChange.Not($"The previous period ({window}) starts before the first day with data "
                + $"({first.ToString("MMM d, yyyy", CultureInfo.InvariantCulture)}), so a change against it would mislead.");
        }

        if (previous.Value is not { } before)
        {
            return PeriodChange.Not($"The metric has no value for the previous period ({window}).");
        }

        if (current is not { } now)
        {
            return PeriodChange.Not("The metric has no value for this period.");
        }

        var what = $"In the previous period ({window}) the {bases.Name ?? "figure"} was {Show(bases.Previous, bases.Unit, currency)}";
        var minimum = Minimum(bases.Unit, currency);
        if (bases.Previous < minimum)
        {
            return PeriodChange.Not($"{what}, below the {Show(minimum, bases.Unit, currency)} a comparison needs.");
        }

        if (bases.Previous < bases.Current * MinimumShare)
        {
            return PeriodChange.Not($"{what}, less than a tenth of this period's {Show(bases.Current, bases.Unit, currency)}, so a change against it would mislead.");
        }

        if (metric.Unit == MetricUnit.Percent)
        {
            return new PeriodChange(now - before, ChangeUnit.Points, null);
        }

        return previous.Percent is { } percent
            ? new PeriodChange(percent, ChangeUnit.Percent, null)
            : PeriodChange.Not($"The previous period ({window}) was zero, so there is no percentage change.");
    }

    /// <summary>The smallest base a comparison needs: <see cref="MinimumCustomers"/>, or <see cref="MinimumMajorUnits"/> in minor units.</summary>
    public static decimal Minimum(MetricUnit unit, string currency) =>
        unit == MetricUnit.Money ? MinimumMajorUnits * Currency.MinorPerMajor(currency) : MinimumCustomers;

    private static string Show(decimal value, MetricUnit unit, string currency) => MetricValues.Full(value, unit, currency);
}
