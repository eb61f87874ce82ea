using Dashboard.Web.Features.Settings.Reporting;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Settings;

/// <summary>/settings: the reporting settings, FX rates and API keys, each a section of its own.</summary>
public partial class SettingsPage : ComponentBase
{
    private string? reportingCurrency;

    [Inject]
    public required ReportingSettingsService Settings { get; init; }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            reportingCurrency = (await Settings.LoadAsync()).Settings.ReportingCurrency;
        }
        catch (InvalidOperationException)
        {
            // The reporting section shows the bad stored value; rates are listed against the built-in default meanwhile.
            reportingCurrency = new Core.Timelines.MetricSettings().ReportingCurrency;
        }
    }

    /// <summary>Marks the page once the circuit is live (after-render never runs in prerendering), for tests and scripts.</summary>
    private void OnReportingSaved(ReportingSettingsView view) => reportingCurrency = view.Settings.ReportingCurrency;
}
