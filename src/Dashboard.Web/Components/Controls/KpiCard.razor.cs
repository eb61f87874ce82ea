using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Controls;

/// <summary>A headline number with its change, tagged with <c>data-metric</c> and <c>data-value</c>.</summary>
public partial class KpiCard : ComponentBase
{
    [Parameter, EditorRequired]
    public required KpiCardModel Model { get; set; }

    private static string ToneClass(KpiTone tone) => tone switch
    {
        KpiTone.Good => "good",
        KpiTone.Bad => "bad",
        _ => "neutral",
    };
}
