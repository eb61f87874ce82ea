using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Testing;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Features.Import;
using Dashboard.Web.Services.Sources;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Radzen;

namespace Dashboard.Web.Tests.Features.Import;

public sealed class ImportPageTests
{
    [Fact]
    public async Task Without_a_file_the_page_explains_the_columns_and_offers_an_example()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var document = await Markup.RenderAsync<ImportPage>(new Dictionary<string, object?>(), services => services
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.CreateFactory())
            .AddBillingImporter()
            .AddScoped<SourceDirectory>()
            .AddRadzenComponents()
            .AddSingleton<IJSRuntime, NoJavaScript>()
            .AddSingleton<NavigationManager, StaticNavigation>());

        Assert.Contains("Import customers from a CSV file", document.QuerySelector("[data-testid='empty-state']")!.TextContent);
        var columns = document.QuerySelectorAll("[data-testid='import-columns'] tbody tr code").Select(c => c.TextContent).ToList();
        Assert.Equal(["oid", "name", "email", "notes", "country", "currency", "created"], columns);
        var example = document.QuerySelector("[data-testid='import-example']")!;
        Assert.Equal("customers-example.csv", example.GetAttribute("download"));
        Assert.StartsWith("data:text/csv;charset=utf-8,oid%2Cname%2Cemail", example.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("[data-testid='import-file']"));
    }

    [Fact]
    public void The_sidebar_links_to_the_import_page() =>
        Assert.Contains(NavItems.All, item => item.Path == "import" && item.Text == "Import");

    private sealed class StaticNavigation : NavigationManager
    {
        public StaticNavigation() => Initialize("http://localhost/", "http://localhost/import");
    }

    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }
}
