using System.Globalization;
using System.Net;
using CsvHelper;
using Dashboard.Core.Money;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Services.Exports;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// The issue's "done when", end to end: a founder schedules "MRR, new MRR, churned MRR and customer churn rate for
/// utm_source = google, monthly over the last 12 months, every Monday 08:00 Europe/Paris, by email and into a folder";
/// its scheduled occurrence (the recurring job itself, fired on a Monday morning of a stopped clock) arrives in a local
/// SMTP sink and in the folder, and every number of the file is what the metrics API answers for the same query.
/// </summary>
public sealed class FounderExportEndToEndTests
{
    // Monday 2025-06-16 08:00 in Paris (CEST).
    private static readonly DateTimeOffset Monday = new(2025, 6, 16, 6, 0, 0, TimeSpan.Zero);
    private static readonly string[] Metrics = ["mrr", "new_mrr", "churned_mrr", "customer_churn_rate"];

    [Fact]
    public async Task The_scheduled_export_arrives_by_email_and_in_the_folder_with_the_api_numbers()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, Monday, new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:From"] = "dashboard@example.com",
        });
        await server.PushBusinessAsync();

        var id = await server.CreateExportAsync(new
        {
            name = "Google monthly",
            kind = "metrics",
            metrics = Metrics,
            interval = "month",
            range = "last_12_months",
            filter = new[] { "utm_source:eq:google" },
            schedule = new { frequency = "weekly", at = "08:00", weekday = "monday" },
            deliveries = new object[] { new { type = "email", to = new[] { "founder@example.com" } }, new { type = "folder" } },
        });

        // Scheduled as asked: a recurring job every Monday at 08:00, read in Europe/Paris.
        var storage = server.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs([ExportJob.RecurringId(id)]));
            Assert.Equal(("0 8 * * 1", "Europe/Paris"), (job.Cron, job.TimeZoneId));
        }

        // The occurrence fires (the recurring job, as the scheduler starts it at 08:00) and runs on the job server.
        server.Services.GetRequiredService<IRecurringJobManager>().Trigger(ExportJob.RecurringId(id));
        long runId = 0;
        await JobWaits.UntilAsync(
            () => (runId = ScheduledRun(server, id)) > 0,
            () => "the scheduled run to be written");
        var run = await server.FinishedRunAsync(id, runId);
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.All(run["deliveries"]!.AsArray(), d => Assert.Equal("succeeded", d!["status"]!.GetValue<string>()));

        // The stored file, its copy in the folder and the emailed attachment are the same bytes.
        var stored = await File.ReadAllBytesAsync(Path.Combine(server.Folder.FullName, "runs", id.ToString(CultureInfo.InvariantCulture), runId + ".csv"));
        Assert.Equal(stored, await File.ReadAllBytesAsync(Path.Combine(server.Folder.FullName, "google-monthly-2025-06-16.csv")));
        var mail = Assert.Single(smtp.ReceivedEmail);
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
        var message = await MimeMessage.LoadAsync(raw);
        Assert.Equal(["founder@example.com"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Google monthly: 2025-06-16", message.Subject);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        using var attached = new MemoryStream();
        await attachment.Content!.DecodeToAsync(attached);
        Assert.Equal(stored, attached.ToArray());

        // Every cell is the metrics API's number for the same query, to the cent.
        var rows = Parse(stored);
        Assert.Equal(["date", .. Metrics], rows[0]);
        Assert.Equal(14, rows.Count); // the header and 13 month buckets from 2024-06-17 to 2025-06-16, the first and last clipped
        var query = "start_date=2024-06-17&end_date=2025-06-16&interval=month&filter=utm_source:eq:google";
        for (var m = 0; m < Metrics.Length; m++)
        {
            var api = await server.GetOkAsync($"/api/v1/metrics/{Metrics[m]}?{query}");
            var points = api["metrics"]!.AsArray();
            Assert.Equal(rows.Count - 1, points.Count);
            var money = api["unit"]!.GetValue<string>() == "money";
            for (var i = 0; i < points.Count; i++)
            {
                var expected = points[i]!["value"]?.GetValue<decimal>();
                var cell = rows[i + 1][m + 1];
                var expectedCell = expected is not { } v ? string.Empty
                    : money ? (v / 100m).ToString("F2", CultureInfo.InvariantCulture)
                    : v.ToString("0.################", CultureInfo.InvariantCulture);
                Assert.True(expectedCell == cell, $"{Metrics[m]} {rows[i + 1][0]}: API {expected}, CSV '{cell}'");
            }
        }

        // The known business: c1 ($49.50 Pro) and c3 ($100.00/year = $8.33) pay today; c4 ($19.99) churned in June.
        Assert.Equal(["2025-06-01", "57.83", "0.00", "-19.99"], rows[^1][..4]);
        Assert.Contains("MRR: " + MoneyFormat.Full(5783, "USD"), message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Churned MRR: -$19.99", message.TextBody, StringComparison.Ordinal);
    }

    private static long ScheduledRun(ExportServer server, long exportId)
    {
        var runs = server.GetOkAsync($"/api/v1/exports/{exportId}/runs").GetAwaiter().GetResult()["runs"]!.AsArray();
        return runs.FirstOrDefault(r => r!["trigger"]?.GetValue<string>() == "schedule")?["id"]!.GetValue<long>() ?? 0;
    }

    private static List<string[]> Parse(byte[] content)
    {
        using var reader = new StringReader(System.Text.Encoding.UTF8.GetString(content));
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }
}
