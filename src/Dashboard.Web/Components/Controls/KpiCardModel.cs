using Dashboard.Core.Metrics;

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
    /// previous period starts before the data or its figure is zero; null when there is a change or no comparison.
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

/// <summary>A change: "▲ 4.2 %" "vs 30 days ago".</summary>
/// <param name="Percent">The relative change in percent.</param>
/// <param name="Tone">How to colour it.</param>
/// <param name="Caption">What it is compared with.</param>
public sealed record KpiDelta(decimal Percent, KpiTone Tone, string Caption)
{
    public string Arrow => Percent switch
    {
        > 0 => "▲",
        < 0 => "▼",
        _ => "■",
    };

    public string Text => Dashboard.Core.Money.MoneyFormat.Percent(Math.Abs(Percent));

    /// <summary>
    /// The engine's percent change against the previous period (<see cref="PreviousValue.Percent"/>, the API's
    /// <c>previous.percent</c>), toned by whether growth is good (<paramref name="upIs"/>); null when there is none
    /// (either value undefined, or the earlier one zero).
    /// </summary>
    public static KpiDelta? From(PreviousValue? previous, KpiTone upIs, string caption)
    {
        if (previous?.Percent is not { } percent)
        {
            return null;
        }

        var tone = percent == 0 ? KpiTone.Neutral : (percent > 0) == (upIs == KpiTone.Good) ? KpiTone.Good : KpiTone.Bad;
        return new KpiDelta(percent, tone, caption);
    }
}
