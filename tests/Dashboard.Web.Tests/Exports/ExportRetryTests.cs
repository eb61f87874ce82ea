using System.Globalization;
using System.Net;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Services.Exports;
using Dashboard.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// Retrying one failed delivery: it is sent again from the run's stored file (not a new run), through a background job,
/// and the run's history shows its new outcome; only a failed delivery of a run with a file can be retried, once at a time.
/// </summary>
public sealed class ExportRetryTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_failed_email_is_sent_again_from_the_stored_file_once_smtp_is_set_up()
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, Now, new Dictionary<string, string> { ["Exports:DeliveryAttempts"] = "2" });
        await server.PushBusinessAsync();
        var id = await server.CreateExportAsync(new
        {
            name = "Google founders",
            kind = "metrics",
            metrics = new[] { "mrr", "churned_mrr" },
            filter = new[] { "utm_source:eq:google" },
            schedule = new { frequency = "weekly", at = "08:00", weekday = "monday" },
            deliveries = new object[] { new { type = "email", to = new[] { "founder@example.com" } }, new { type = "folder" } },
        });
        var run = await RunNowAsync(server, id);
        var runId = run["id"]!.GetValue<long>();
        var email = run["deliveries"]![0]!;
        Assert.Equal(("failed", 2), (email["status"]!.GetValue<string>(), email["attempts"]!.GetValue<int>()));
        Assert.Contains("Email is not set up", email["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = await File.ReadAllBytesAsync(Path.Combine(server.Folder.FullName, "runs", id.ToString(CultureInfo.InvariantCulture), runId + ".csv"));
        File.Delete(Path.Combine(server.Folder.FullName, "google-founders-2025-06-16.csv"));
        await SaveSmtpAsync(server, smtp.Configuration.Port);

        await using var scope = server.Services.CreateAsyncScope();
        var exports = scope.ServiceProvider.GetRequiredService<ExportService>();
        var stored1 = await exports.FindRunAsync(id, runId, CancellationToken.None);
        var (emailId, folderId) = (stored1!.Deliveries[0].Id, stored1.Deliveries[1].Id);
        Assert.Equal(DeliveryRetry.NotFailed, await exports.RetryDeliveryAsync(id, runId, folderId, CancellationToken.None));
        Assert.Equal(DeliveryRetry.NotFound, await exports.RetryDeliveryAsync(id, runId, emailId + 1000, CancellationToken.None));
        Assert.Equal(DeliveryRetry.NotFound, await exports.RetryDeliveryAsync(id + 1000, runId, emailId, CancellationToken.None));
        Assert.Equal(DeliveryRetry.Queued, await exports.RetryDeliveryAsync(id, runId, emailId, CancellationToken.None));
        Assert.Equal(DeliveryRetry.NotFailed, await exports.RetryDeliveryAsync(id, runId, emailId, CancellationToken.None)); // already under way

        var retried = await server.FinishedRunAsync(id, runId);

        email = retried["deliveries"]![0]!;
        Assert.Equal(("succeeded", 3), (email["status"]!.GetValue<string>(), email["attempts"]!.GetValue<int>()));
        Assert.Null(email["error"]);
        Assert.Single((await server.GetOkAsync($"/api/v1/exports/{id}/runs"))["runs"]!.AsArray()); // no new run
        Assert.False(File.Exists(Path.Combine(server.Folder.FullName, "google-founders-2025-06-16.csv"))); // the folder copy was not written again
        var mail = Assert.Single(smtp.ReceivedEmail);
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
        var message = await MimeMessage.LoadAsync(raw);
        Assert.Equal("Google founders: 2025-06-16", message.Subject);
        Assert.Contains("MRR: $", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Churned MRR: -$", message.TextBody, StringComparison.Ordinal);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
        using var attached = new MemoryStream();
        await attachment.Content!.DecodeToAsync(attached);
        Assert.Equal(stored, attached.ToArray());
        Assert.Equal(DeliveryRetry.NotFailed, await exports.RetryDeliveryAsync(id, runId, emailId, CancellationToken.None));
    }

    [Fact]
    public async Task A_run_that_could_not_build_its_file_fails_its_deliveries_and_has_nothing_to_retry()
    {
        await using var server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, Now);
        await server.PushBusinessAsync();
        var segment = await server.PostOkAsync("/api/v1/segments", new { name = "Google", filters = new[] { new { field = "utm_source", op = "eq", value = "google" } } }, HttpStatusCode.OK);
        var segmentId = segment["segment"]!["id"]!.GetValue<string>();
        var id = await server.CreateExportAsync(new
        {
            name = "Segment gone",
            kind = "metrics",
            metrics = new[] { "mrr" },
            segment_id = long.Parse(segmentId, CultureInfo.InvariantCulture),
            schedule = new { frequency = "daily", at = "07:00" },
            deliveries = new object[] { new { type = "folder" } },
        });
        await ApiAssert.StatusAsync(await server.Write.DeleteAsync($"/api/v1/segments/{segmentId}"), HttpStatusCode.Accepted);

        var run = await RunNowAsync(server, id);

        Assert.Equal("failed", run["status"]!.GetValue<string>());
        var folder = run["deliveries"]![0]!;
        Assert.Equal(("failed", ExportStore.NotSentRunFailed), (folder["status"]!.GetValue<string>(), folder["error"]!.GetValue<string>()));
        await using var scope = server.Services.CreateAsyncScope();
        var exports = scope.ServiceProvider.GetRequiredService<ExportService>();
        var stored = await exports.FindRunAsync(id, run["id"]!.GetValue<long>(), CancellationToken.None);
        Assert.Equal(DeliveryRetry.NoFile, await exports.RetryDeliveryAsync(id, stored!.Id, stored.Deliveries[0].Id, CancellationToken.None));
    }

    private static async Task SaveSmtpAsync(ExportServer server, int port)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var (errors, _) = await scope.ServiceProvider.GetRequiredService<SmtpSettingsStore>().SaveAsync(new()
        {
            Host = "127.0.0.1",
            Port = port.ToString(CultureInfo.InvariantCulture),
            Security = "None",
            From = "dashboard@example.com",
        });
        Assert.Empty(errors);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> RunNowAsync(ExportServer server, long exportId)
    {
        var response = await server.Write.PostAsync($"/api/v1/exports/{exportId}/run", null);
        var run = (await ApiAssert.StatusAsync(response, HttpStatusCode.Accepted))["run"]!;
        return await server.FinishedRunAsync(exportId, run["id"]!.GetValue<long>());
    }
}
