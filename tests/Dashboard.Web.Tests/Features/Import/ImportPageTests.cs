using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Testing;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Features.Import;
using Dashboard.Web.Services.Sources;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Import;

public sealed class ImportPageTests : DashboardTestContext
{
    [Fact]
    public async Task Without_a_file_the_page_explains_the_columns_and_offers_an_example()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        Services
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.CreateFactory())
            .AddBillingImporter()
            .AddScoped<SourceDirectory>()
            .AddSingleton(new ImportUploads(Path.Combine(Path.GetTempPath(), $"dashboard-uploads-{Guid.NewGuid():N}")));
        Open("import");

        var document = RenderPage<ImportPage>();

        document.WaitForAssertion(() => Assert.Contains("Import customers from a CSV file", document.Find("[data-testid='empty-state']").TextContent));
        var columns = document.FindAll("[data-testid='import-columns'] tbody tr code").Select(c => c.TextContent).ToList();
        Assert.Equal(["oid", "name", "email", "notes", "country", "currency", "created"], columns);
        var example = document.Find("[data-testid='import-example']")!;
        Assert.Equal("customers-example.csv", example.GetAttribute("download"));
        Assert.StartsWith("data:text/csv;charset=utf-8,oid%2Cname%2Cemail", example.GetAttribute("href"));
        Assert.Single(document.FindAll("[data-testid='import-file']"));
    }

    [Fact]
    public void The_sidebar_links_to_the_import_page() =>
        Assert.Contains(NavItems.All, item => item.Path == "import" && item.Text == "Import");
}
