using System.Globalization;
using Dashboard.Web.Hosting;
using Dashboard.Web.Services.Sources;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.ApiAccess;

/// <summary>/api-access: how to call the REST API, and a curl example for each endpoint against this server.</summary>
public partial class ApiAccessPage : ComponentBase
{
    public const string SetupLine = "export DASHBOARD_API_KEY='dsk_paste-your-key-here'";

    private IReadOnlyList<ApiExample> examples = ApiExamples.ForNewSource();
    private string? sourceNote;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required SourceDirectory Sources { get; init; }

    /// <summary>The server as the browser reached it (scheme, host, port and path base), without a trailing slash.</summary>
    private string BaseUrl => Navigation.BaseUri.TrimEnd('/');

    private string ApiBaseUrl => BaseUrl + ApiRoutes.BasePath;

    private string OpenApiUrl => Navigation.BaseUri + "openapi/v1.json";

    /// <summary>Marks the page once the circuit is live (after-render never runs in prerendering), for tests and scripts.</summary>
    protected override async Task OnInitializedAsync()
    {
        var pushed = await Sources.FirstApiSourceAsync(CancellationToken.None);
        if (pushed is null)
        {
            sourceNote = "You have no source of your own for pushed data yet (the demo data has its own source; keep your data out of it). "
                + $"Create one first with POST /api/v1/sources below, then put the id it returns in place of {ApiExamples.SourceIdPlaceholder} in the other examples.";
            return;
        }

        examples = ApiExamples.For(pushed.Id);
        sourceNote = string.Create(CultureInfo.InvariantCulture,
            $"The examples use your API source “{pushed.Name}” (id {pushed.Id}); GET /api/v1/sources lists the others.");
    }
}
