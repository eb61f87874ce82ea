using System.Globalization;
using System.Net;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Cli;
using Dashboard.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// The founder's export: MRR, new MRR, churned MRR and customer churn rate for utm_source = google, monthly over the
/// last 12 months, every Monday 08:00 Europe/Paris, by email (a local SMTP sink), into the folder and to a signed
/// webhook; and an export whose webhook fails, which ends failed with the reason without stopping anything else.
/// </summary>
public sealed class ExportDeliveryTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_now_delivers_by_email_folder_and_signed_webhook_and_a_failing_delivery_ends_failed_with_its_reason()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, Now, new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:From"] = "dashboard@example.com",
            ["Exports:DeliveryAttempts"] = "3",
        });
        await server.PushBusinessAsync();

        var failing = await server.CreateExportAsync(new
        {
            name = "Broken hook",
            kind = "metrics",
            metrics = new[] { "mrr" },
            schedule = new { frequency = "daily", at = "07:00" },
            deliveries = new object[] { new { type = "webhook", url = new Uri(receiver.Address, "/fail").ToString(), secret = "another-secret-0123" }, new { type = "folder" } },
        });
        var founders = await server.CreateExportAsync(new
        {
            name = "Google founders",
            kind = "metrics",
            metrics = new[] { "mrr", "new_mrr", "churned_mrr", "customer_churn_rate" },
            interval = "month",
            range = "last_12_months",
            filter = new[] { "utm_source:eq:google" },
            schedule = new { frequency = "weekly", at = "08:00", weekday = "monday" },
            deliveries = new object[]
            {
                new { type = "email", to = new[] { "founder@example.com" } },
                new { type = "folder" },
                new { type = "webhook", url = new Uri(receiver.Address, "/ok").ToString(), secret = WebhookReceiver.Secret },
            },
        });

        var failed = await RunNowAsync(server, failing);
        var delivered = await RunNowAsync(server, founders);

        // The failing export: its file is stored, the folder copy made, the webhook tried three times and failed.
        Assert.Equal("succeeded", failed["status"]!.GetValue<string>());
        var hook = failed["deliveries"]![0]!;
        Assert.Equal(("failed", 3), (hook["status"]!.GetValue<string>(), hook["attempts"]!.GetValue<int>()));
        Assert.Contains("500", hook["error"]!.GetValue<string>());
        Assert.Equal("succeeded", failed["deliveries"]![1]!["status"]!.GetValue<string>());

        // The founder's export: every delivery succeeded at the first attempt.
        Assert.All(delivered["deliveries"]!.AsArray(), d => Assert.Equal(("succeeded", 1), (d!["status"]!.GetValue<string>(), d["attempts"]!.GetValue<int>())));
        var runId = delivered["id"]!.GetValue<long>();
        var stored = await File.ReadAllBytesAsync(Path.Combine(server.Folder.FullName, "runs", founders.ToString(CultureInfo.InvariantCulture), runId + ".csv"));
        var csv = System.Text.Encoding.UTF8.GetString(stored);
        Assert.StartsWith("date,mrr,new_mrr,churned_mrr,customer_churn_rate\r\n2024-06-17,", csv);
        Assert.Equal(stored, await File.ReadAllBytesAsync(Path.Combine(server.Folder.FullName, "google-founders-2025-06-16.csv")));

        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal(["founder@example.com"], mail.ToAddresses.Select(a => a.ToString()));
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
        var message = await MimeMessage.LoadAsync(raw);
        Assert.Equal("Google founders: 2025-06-16", message.Subject);
        Assert.Contains("MRR: $", message.TextBody);
        Assert.Contains("Customer churn rate", message.HtmlBody);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("google-founders-2025-06-16.csv", attachment.FileName);
        using var attached = new MemoryStream();
        await attachment.Content!.DecodeToAsync(attached);
        Assert.Equal(stored, attached.ToArray());

        var (body, contentType, signatureValid) = Assert.Single(receiver.Received);
        Assert.True(signatureValid);
        Assert.StartsWith("text/csv", contentType);
        Assert.Equal(stored, body);
    }

    [Fact]
    public async Task Email_goes_through_the_smtp_server_saved_in_settings_when_configuration_sets_none()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, Now);
        var id = await server.CreateExportAsync(new
        {
            name = "Saved smtp",
            kind = "customers",
            schedule = new { frequency = "daily", at = "07:00" },
            deliveries = new object[] { new { type = "email", to = new[] { "founder@example.com" } } },
        });

        // Nothing set anywhere: the delivery fails with the reason.
        var unset = await RunNowAsync(server, id);
        Assert.Equal("failed", unset["deliveries"]![0]!["status"]!.GetValue<string>());
        Assert.Contains("Email is not set up", unset["deliveries"]![0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var (errors, _) = await scope.ServiceProvider.GetRequiredService<Dashboard.Infrastructure.Exports.SmtpSettingsStore>().SaveAsync(new()
            {
                Host = "127.0.0.1",
                Port = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
                Security = "None",
                From = "saved@example.com",
            });
            Assert.Empty(errors);
        }

        var sent = await RunNowAsync(server, id);

        Assert.Equal(("succeeded", 1), (sent["deliveries"]![0]!["status"]!.GetValue<string>(), sent["deliveries"]![0]!["attempts"]!.GetValue<int>()));
        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal("saved@example.com", mail.FromAddress.ToString());
        Assert.Equal(["founder@example.com"], mail.ToAddresses.Select(a => a.ToString()));
    }

    [Fact]
    public async Task The_cli_runs_an_export_here_and_prints_the_stored_file_last()
    {
        await using var server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, Now);
        await server.PushBusinessAsync();
        var id = await server.CreateExportAsync(new
        {
            name = "Customers",
            kind = "customers",
            schedule = new { frequency = "monthly", at = "06:00", day = 1 },
            deliveries = new object[] { new { type = "folder" } },
        });

        var dispatcher = server.Services.GetRequiredService<CliDispatcher>();
        var output = new StringWriter();
        var code = await dispatcher.RunAsync(["export", "run", id.ToString(CultureInfo.InvariantCulture)], server.Services, output, output);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var path = lines[^1];
        Assert.StartsWith(Path.Combine(server.Folder.FullName, "runs", id.ToString(CultureInfo.InvariantCulture)), path);
        var csv = await File.ReadAllTextAsync(path);
        Assert.StartsWith("customer_oid,name,email,source,country,plans,mrr,net_revenue,since,status,utm_source\r\n", csv);
        Assert.Contains("c1,Customer c1,c1@example.com,exports,,Pro,49.50,", csv);
        Assert.Contains("c4,'=cmd|' /C calc'!A0,", csv); // a formula in a name is neutralised
        Assert.DoesNotContain(",=cmd", csv);
        Assert.Contains("folder folder: succeeded", output.ToString());

        var list = new StringWriter();
        Assert.Equal(0, await dispatcher.RunAsync(["export", "list"], server.Services, list, list));
        Assert.Contains(id.ToString(CultureInfo.InvariantCulture) + "\tCustomers\tcustomers\tmonthly (0 6 1 * *)\t", list.ToString());
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> RunNowAsync(ExportServer server, long exportId)
    {
        var response = await server.Write.PostAsync($"/api/v1/exports/{exportId}/run", null);
        var run = (await ApiAssert.StatusAsync(response, HttpStatusCode.Accepted))["run"]!;
        Assert.Equal("queued", run["status"]!.GetValue<string>());
        return await server.FinishedRunAsync(exportId, run["id"]!.GetValue<long>());
    }
}
