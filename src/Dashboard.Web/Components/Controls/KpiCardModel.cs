using Dashboard.Core.Metrics;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Components.Controls;

/// <summary>
/// What a KPI card shows. <see cref="RawValue"/> is the exact number behind <see cref="Display"/>, in invariant
/// culture, for tests and scripts (rendered as <c>data-value</c>): money in integer minor units (cents), counts as
/// integers, percentages as plain percent numbers (4.2 = 4.2 %); empty when the metric is undefined.
/// </summary>
/// <param name="Metric">The metric's API name (metrics.md), rendered as <c>data-metric</c>.</param>
/// <param name="Title">The card's heading.</param>
/// <param name="Display">The readable value in its row's style (docs/ui.md, "Number format"): $79,312, 1,204, 4.2 %.</param>
/// <param name="RawValue">The exact value (see above).</param>
/// <param name="Description">What the number means, shown as a tooltip.</param>
/// <param name="Caption">What the value covers, under it: "Today", "Total, Dec 8, 2025 – today".</param>
/// <param name="Delta">The change against an earlier value, when there is one.</param>
public sealed record KpiCardModel(
    string Metric,
    string Title,
    string Display,
    string RawValue,
    string Description,
    string Caption,
    KpiDelta? Delta = null)
{
    /// <summary>Where the card leads (the metric's own page for the same view); null for a plain card.</summary>
    public string? Href { get; init; }

    /// <summary>
    /// The value abbreviated ($79.3k) for phone width, where a row of cards has no room for every digit; null to keep
    /// <see cref="Display"/> there too. Every card of a row sets it or none does, so a row keeps one format.
    /// </summary>
    public string? CompactDisplay { get; init; }

    /// <summary>The metric over the selected range, drawn under the value; null for none.</summary>
    public Sparkline? Sparkline { get; init; }

    /// <summary>The annotations under the sparkline (the metric's and the global ones within the range), left to right.</summary>
    public IReadOnlyList<SparkMarker> SparkMarkers { get; init; } = [];

    /// <summary>The progress towards the metric's goal ("40 % of the way from $60.00 to the $97.00 goal by Mar 1, 2027"); null without a goal.</summary>
    public string? Goal { get; init; }

    /// <summary>The progress as a whole percent, for the bar and <c>data-goal-percent</c>; null when there is none.</summary>
    public decimal? GoalPercent { get; init; }

    /// <summary>Where to set or change the goal (for those who may edit data); null hides the link.</summary>
    public string? GoalHref { get; init; }

    /// <summary>
    /// Why the card shows no change against the previous period ("no comparable period" with this as its title): the
    /// previous period starts before the data, or its base is too small (docs/ui.md, "Headline numbers"); null when there is a change or no comparison.
    /// </summary>
    public string? NoComparison { get; init; }

    /// <summary>The sparkline's accessible name: "Monthly values, Dec 2025 to Dec 1–7, so far".</summary>
    public string? SparklineLabel { get; init; }

    /// <summary>True when the sparkline's last bucket is still running: its last segment is drawn dashed.</summary>
    public bool SparklinePartial { get; init; }
}

/// <summary>Whether a change is good news (growth in MRR), bad news (growth in churn) or neither.</summary>
public enum KpiTone
{
    Neutral,
    Good,
    Bad,
}

/// <summary>A change: "▲ 4.2 %" or, for a percentage, "▼ 2.1 pts", "vs previous period".</summary>
/// <param name="Amount">The change: in percent of the previous figure, or in points (<see cref="Unit"/>).</param>
/// <param name="Tone">How to colour it.</param>
/// <param name="Caption">What it is compared with.</param>
public sealed record KpiDelta(decimal Amount, KpiTone Tone, string Caption)
{
    /// <summary>Percent of the previous figure, or points for a percentage (docs/ui.md, "Headline numbers").</summary>
    public ChangeUnit Unit { get; init; }

    public string Arrow => Amount switch
    {
        > 0 => "▲",
        < 0 => "▼",
        _ => "■",
    };

    public string Text => new PeriodChange(Amount, Unit, null).Text;

    /// <summary>
    /// The change the comparison rule allows (<see cref="PeriodComparison"/>), toned by whether growth is good
    /// (<paramref name="upIs"/>); null when there is none.
    /// </summary>
    public static KpiDelta? From(PeriodChange change, KpiTone upIs, string caption)
    {
        if (change.Amount is not { } amount)
        {
            return null;
        }

        var tone = amount == 0 ? KpiTone.Neutral : (amount > 0) == (upIs == KpiTone.Good) ? KpiTone.Good : KpiTone.Bad;
        return new KpiDelta(amount, tone, caption) { Unit = change.Unit };
    }
}
