using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Controls;

/// <summary>A headline number with its change, tagged with <c>data-metric</c> and <c>data-value</c>.</summary>
public partial class KpiCard : ComponentBase
{
    [Parameter, EditorRequired]
    public required KpiCardModel Model { get; set; }

    /// <summary>What a card says when its change against the previous period would mislead (docs/ui.md, "Headline numbers").</summary>
    public const string PeriodComparisonText = Services.Metrics.PeriodChange.NoComparableText;

    private static string Num(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string ToneClass(KpiTone tone) => tone switch
    {
        KpiTone.Good => "good",
        KpiTone.Bad => "bad",
        _ => "neutral",
    };
}
