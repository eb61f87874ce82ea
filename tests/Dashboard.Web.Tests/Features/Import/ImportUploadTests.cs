using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Storage;
using Dashboard.Testing;
using Dashboard.Web.Features.Import;
using Dashboard.Web.Services.Sources;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Import;

/// <summary>Where the Import page keeps an upload (a private folder, never the system temp folder) and when it deletes it.</summary>
public sealed class ImportUploadTests : DashboardTestContext, IAsyncLifetime
{
    private const string File = "oid,email,name,country,currency\nup_1,one@example.com,One Ltd,GB,GBP\n";
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"dashboard-uploads-{Guid.NewGuid():N}", "imports");
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var context = database.CreateContext())
        {
            await new BillingBuilder().SaveAsync(context);
        }

        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.com");
        auth.SetRoles(DashboardRoles.Admin);
        Services
            .AddSingleton(TimeProvider.System)
            .AddSingleton(database.CreateFactory())
            .AddBillingImporter()
            .AddScoped<SourceDirectory>()
            .AddHttpContextAccessor()
            .AddScoped<ICurrentUser, CurrentUser>()
            .AddScoped<AccessGuard>()
            .AddAuditLog()
            .AddSingleton(new ImportUploads(folder));
        Open("import");
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }

    [Fact]
    public void An_upload_is_a_0600_file_in_a_0700_folder_and_choosing_another_file_deletes_it()
    {
        var page = RenderPage<ImportPage>();
        page.WaitForAssertion(() => page.Find("[data-testid='import-file']"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(File, "customers.csv"));
        page.WaitForAssertion(() => Assert.Contains("Map the columns of customers.csv", page.Markup, StringComparison.Ordinal));
        Assert.Equal("customers.csv", page.Find("[data-testid='file-picker-name']").TextContent.Trim());

        var upload = Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(File, System.IO.File.ReadAllText(upload));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateFiles.FileMode, System.IO.File.GetUnixFileMode(upload));
            Assert.Equal(PrivateFiles.FolderMode, System.IO.File.GetUnixFileMode(folder));
        }

        page.FindAll("button").Single(b => b.TextContent.Contains("Choose another file", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Empty(Directory.GetFiles(folder)));
    }

    [Fact]
    public void An_E_mail_header_is_mapped_to_email_as_the_docs_say()
    {
        var page = RenderPage<ImportPage>();
        page.WaitForAssertion(() => page.Find("[data-testid='import-file']"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("OID,Full Name,E-mail,Country\nup_1,One Ltd,one@example.com,GB\n", "export.csv"));

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid='import-preview'] th .rz-dropdown-label").Count));
        Assert.Equal(["oid *", "(ignore)", "email", "country"],
            page.FindAll("[data-testid='import-preview'] th .rz-dropdown-label").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public void The_upload_is_deleted_once_it_is_imported()
    {
        var page = RenderPage<ImportPage>();
        page.WaitForAssertion(() => page.Find("[data-testid='import-file']"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(File, "customers.csv"));
        page.WaitForAssertion(() => Assert.Single(Directory.GetFiles(folder)));

        page.Find("[data-testid='import-validate']").Click();
        page.WaitForAssertion(() => Assert.Contains("All 1 rows are valid.", page.Find("[data-testid='import-message']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        page.Find("[data-testid='import-commit']").Click();
        page.WaitForAssertion(() => Assert.Contains("Imported 1 rows", page.Find("[data-testid='import-message']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.Empty(Directory.GetFiles(folder));
        Assert.True(page.Find("[data-testid='import-validate']").HasAttribute("disabled"), "Validate has no file left to read.");
    }

    [Fact]
    public async Task Closing_the_page_deletes_its_upload()
    {
        var page = RenderPage<ImportPage>();
        page.WaitForAssertion(() => page.Find("[data-testid='import-file']"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(File, "customers.csv"));
        page.WaitForAssertion(() => Assert.Single(Directory.GetFiles(folder)));

        await DisposeComponentsAsync();

        Assert.Empty(Directory.GetFiles(folder));
    }
}
