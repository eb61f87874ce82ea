using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Features.Import;
using Dashboard.Web.Services.Sources;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Tests.Features.Import;

public sealed class ImportPageTests : DashboardTestContext
{
    [Fact]
    public async Task Without_a_file_the_page_explains_the_columns_and_offers_an_example()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        AddServices(database, DashboardRoles.Admin);
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
    public async Task A_viewer_who_reaches_the_page_cannot_upload_or_import()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        AddServices(database, DashboardRoles.Viewer);
        Open("import");
        var document = RenderPage<ImportPage>();
        document.WaitForElement("[data-testid='import-file']");

        document.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText("oid,name\nc1,Ada\n", "customers.csv"));

        document.WaitForAssertion(() => Assert.Equal(ImportPage.NotAllowed, document.Find("[data-testid='import-message']").TextContent));
        Assert.Empty(document.FindAll("[data-testid='import-preview']"));
        Assert.Empty(document.FindAll("[data-testid='import-commit']"));
        await using var db = database.CreateContext();
        Assert.Empty(db.Customers);
    }

    [Fact]
    public void The_sidebar_links_to_the_import_page_for_owners_and_admins() =>
        Assert.Contains(NavItems.All, item => item.Path == "import" && item.Text == "Import" && item.Policy == DashboardPolicies.Manage);

    /// <summary>The page's services, acting as a signed-in <paramref name="role"/>.</summary>
    private void AddServices(TestDatabase database, string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized($"{role}@example.com");
        auth.SetRoles(role);
        Services
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.CreateFactory())
            .AddBillingImporter()
            .AddScoped<SourceDirectory>()
            .AddHttpContextAccessor()
            .AddScoped<ICurrentUser, CurrentUser>()
            .AddScoped<AccessGuard>()
            .AddAuditLog()
            .AddSingleton(new ImportUploads(Path.Combine(Path.GetTempPath(), $"dashboard-uploads-{Guid.NewGuid():N}")));
    }
}
