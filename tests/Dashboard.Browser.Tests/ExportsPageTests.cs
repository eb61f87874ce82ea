using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The Exports page in Chromium on <see cref="OverviewFixture"/>'s data set, with a utm_source attribute added: A ($10)
/// and B ($20) pay today, D ($10) churned 10 days ago, all three from google; C ($30) from facebook. An owner creates the
/// issue's export (MRR, new MRR, churned MRR and customer churn rate for utm_source = google, monthly over the last 12
/// months, every Monday 08:00, by email and into a folder) while its live preview follows the form, runs it now, sees
/// the run in the history, downloads the file, and sends the email again once SMTP is set up; a viewer reads and
/// downloads but gets no buttons to create, run or retry.
/// </summary>
public sealed class ExportsPageTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 60_000;
    private static readonly string[] Metrics = ["mrr", "new_mrr", "churned_mrr", "customer_churn_rate"];

    [Fact]
    public async Task An_owner_schedules_the_founders_export_runs_it_downloads_it_and_retries_its_email_and_a_viewer_only_reads()
    {
        await AddUtmSourcesAsync();
        var page = await OpenAsync("exports", BrowserRole.Owner);

        await page.Locator("[data-testid='export-new']").ClickAsync();
        var preview = page.Locator("[data-testid='export-preview-table'] th");
        // Live: the first rows show before anything is typed, and follow every change without a click.
        await Assertions.Expect(preview).ToHaveTextAsync(["date", "mrr"], new() { Timeout = Timeout });
        await page.Locator("[data-testid='export-name']").FillAsync("Google founders");
        foreach (var metric in Metrics.Skip(1))
        {
            await page.Locator($"[role='checkbox'][data-metric='{metric}']").SetRadzenCheckBoxAsync(true);
        }

        await page.Locator("[data-testid='export-filters']").FillAsync("utm_source:eq:google");
        await page.ChooseRadzenItemAsync(page.Locator("[data-testid='export-range']"), "Last 12 months");
        await page.ChooseRadzenItemAsync(page.Locator("[data-testid='export-interval']"), "month");
        await page.ChooseRadzenItemAsync(page.Locator("[data-testid='export-frequency']"), "Weekly");
        await page.ChooseRadzenItemAsync(page.Locator("[data-testid='export-weekday']"), "Monday");
        await page.Locator("[data-testid='export-at']").FillAsync("08:00");
        await page.Locator("[data-testid='export-email']").FillAsync("founder@example.com");
        await Assertions.Expect(page.Locator("[data-testid='export-folder']")).ToBeCheckedAsync();
        await Assertions.Expect(preview).ToHaveTextAsync(["date", .. Metrics], new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid='export-preview-table'] tbody tr")).ToHaveCountAsync(5, new() { Timeout = Timeout });
        await ScreenshotAsync(page, "exports-form-preview");

        await page.Locator("[data-testid='export-save']").ClickAsync();
        var row = page.Locator("tr[data-export-id]", new() { HasText = "Google founders" });
        try
        {
            await row.WaitForAsync(new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            await ScreenshotAsync(page, "exports-not-saved");
            output.WriteLine(fixture.Server.Log);
            throw;
        }

        Assert.Equal(NextMondayEight(), (await row.Locator("[data-testid='export-next']").InnerTextAsync()).Trim());

        // Run now: the history opens and follows the run until it and its deliveries have ended. No SMTP server yet.
        await row.Locator("[data-testid='export-run']").ClickAsync();
        var runs = page.Locator("[data-testid='export-runs']");
        await runs.Locator("tr[data-run-id][data-status='succeeded']").WaitForAsync(new() { Timeout = Timeout });
        var email = runs.Locator("[data-delivery='email']");
        await Assertions.Expect(email).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = Timeout });
        Assert.Contains("Email is not set up", await email.InnerTextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(runs.Locator("[data-delivery='folder']")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = Timeout });
        await ScreenshotAsync(page, "exports-history");

        var download = await page.RunAndWaitForDownloadAsync(() => runs.Locator("[data-testid='export-download']").First.ClickAsync());
        var file = await File.ReadAllBytesAsync(await download.PathAsync());
        await AssertApiNumbersAsync(file);
        Assert.Equal(file, await File.ReadAllBytesAsync(Path.Combine(fixture.ExportsFolder.FullName, $"google-founders-{Today:yyyy-MM-dd}.csv")));

        // SMTP set up in Settings, then the failed email is retried from the run history: the stored file arrives.
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await SetUpSmtpAsync(page, smtp.Configuration.Port);
        await page.GotoAsync("exports");
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        await row.Locator("[data-testid='export-history']").ClickAsync();
        await runs.Locator("[data-testid='delivery-retry']").ClickAsync();
        await Assertions.Expect(email).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = Timeout });
        Assert.Single(await runs.Locator("tr[data-run-id]").AllAsync()); // sent again, not run again
        var mail = Assert.Single(smtp.ReceivedEmail);
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
        var message = await MimeMessage.LoadAsync(raw);
        Assert.Equal($"Google founders: {Today:yyyy-MM-dd}", message.Subject);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        using var attached = new MemoryStream();
        await attachment.Content!.DecodeToAsync(attached);
        Assert.Equal(file, attached.ToArray());

        // A viewer sees the export, its history and the download, and no button that changes anything.
        var viewer = await OpenAsync("exports", BrowserRole.Viewer);
        var viewerRow = viewer.Locator("tr[data-export-id]", new() { HasText = "Google founders" });
        await viewerRow.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await viewer.Locator("[data-testid='export-new']").CountAsync());
        Assert.Equal(0, await viewerRow.Locator("[data-testid='export-run'], [data-testid='export-edit'], [data-testid='export-pause'], [data-testid='export-delete']").CountAsync());
        await viewerRow.Locator("[data-testid='export-history']").ClickAsync();
        await viewer.Locator("[data-testid='export-runs'] [data-testid='export-download']").First.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal(0, await viewer.Locator("[data-testid='delivery-retry']").CountAsync());
        await ScreenshotAsync(viewer, "exports-viewer");
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The next Monday 08:00 in the fixture's reporting time zone (UTC), as the page shows it.</summary>
    private static string NextMondayEight()
    {
        var now = DateTime.UtcNow;
        var next = now.Date.AddHours(8);
        while (next.DayOfWeek != DayOfWeek.Monday || next <= now)
        {
            next = next.AddDays(1);
        }

        return next.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Every cell of the file is the metrics API's value for the same range, interval and filter.</summary>
    private async Task AssertApiNumbersAsync(byte[] file)
    {
        var lines = System.Text.Encoding.UTF8.GetString(file).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        Assert.Equal(["date", .. Metrics], lines[0]);
        using var api = await fixture.ApiClientAsync();
        var start = Today.AddMonths(-12).AddDays(1);
        for (var m = 0; m < Metrics.Length; m++)
        {
            using var json = JsonDocument.Parse(await api.GetStringAsync(
                $"api/v1/metrics/{Metrics[m]}?start_date={start:yyyy-MM-dd}&end_date={Today:yyyy-MM-dd}&interval=month&filter=utm_source:eq:google"));
            var points = json.RootElement.GetProperty("metrics").EnumerateArray().ToList();
            Assert.Equal(lines.Count - 1, points.Count);
            var money = json.RootElement.GetProperty("unit").GetString() == "money";
            for (var i = 0; i < points.Count; i++)
            {
                var value = points[i].GetProperty("value");
                var expected = value.ValueKind == JsonValueKind.Null ? string.Empty
                    : money ? (value.GetDecimal() / 100m).ToString("F2", CultureInfo.InvariantCulture)
                    : value.GetDecimal().ToString("0.################", CultureInfo.InvariantCulture);
                Assert.True(expected == lines[i + 1][m + 1], $"{Metrics[m]} {lines[i + 1][0]}: API {expected}, CSV '{lines[i + 1][m + 1]}'");
            }
        }

        // A ($10) and B ($20) pay today; D's $10 churned this month or the one before.
        Assert.Equal("30.00", lines[^1][1]);
    }

    private async Task AddUtmSourcesAsync()
    {
        using var api = await fixture.ApiClientAsync(readOnly: false);
        using var field = await api.PostAsJsonAsync("api/v1/attributes/fields", new { title = "UTM source", field_type = "string", key = "utm_source" });
        Assert.True(field.IsSuccessStatusCode, await field.Content.ReadAsStringAsync());
        var rows = new[] { ("a", "google"), ("b", "google"), ("c", "facebook"), ("d", "google") }
            .Select(r => new { customer_oid = r.Item1, key = "utm_source", value = r.Item2 });
        using var values = await api.PostAsJsonAsync("api/v1/attributes", new { attributes = rows });
        Assert.True(values.IsSuccessStatusCode, await values.Content.ReadAsStringAsync());
    }

    private async Task SetUpSmtpAsync(IPage page, int port)
    {
        await page.GotoAsync("settings");
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='smtp-host']").FillAsync("127.0.0.1");
        await page.Locator("[data-testid='smtp-port']").FillAsync(port.ToString(CultureInfo.InvariantCulture));
        await page.ChooseRadzenItemAsync(page.Locator("[data-testid='smtp-security']"), "None");
        await page.Locator("[data-testid='smtp-from']").FillAsync("dashboard@example.com");
        await page.Locator("[data-testid='smtp-save']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='smtp-message']")).ToContainTextAsync("Saved", new() { Timeout = Timeout });
    }

    private async Task<IPage> OpenAsync(string path, BrowserRole role)
    {
        var page = await fixture.NewPageAsync(role: role);
        page.LogConsoleTo(output);
        await page.GotoAsync(path);
        // Interactive once the circuit is up: the page renders again over it and says so.
        await page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = Timeout });
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
