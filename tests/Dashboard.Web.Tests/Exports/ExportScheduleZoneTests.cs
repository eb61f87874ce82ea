using Dashboard.Infrastructure.Data;
using Dashboard.Web.Features.Settings.Reporting;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// Saving a new reporting time zone in Settings moves every export's schedule into it at once, without a restart:
/// "every Monday 08:00" fires at 08:00 in the new zone. Hangfire computes the next occurrence from a fake clock here
/// (a Monday in January 2027: Paris is UTC+1, New York UTC-5).
/// </summary>
public sealed class ExportScheduleZoneTests
{
    private static readonly DateTime Clock = new(2027, 1, 4, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Saving_a_new_time_zone_moves_the_schedules_into_it()
    {
        await using var server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, new DateTimeOffset(Clock), services: services =>
            services.AddSingleton<IRecurringJobManager>(provider =>
                new RecurringJobManager(provider.GetRequiredService<JobStorage>(), JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => Clock)));
        var weekly = await server.CreateExportAsync(Export("Weekly", new { frequency = "weekly", at = "08:00", weekday = "monday" }, paused: false));
        var daily = await server.CreateExportAsync(Export("Daily", new { frequency = "daily", at = "06:30" }, paused: false));
        var paused = await server.CreateExportAsync(Export("Paused", new { frequency = "daily", at = "06:30" }, paused: true));
        Assert.Equal("2027-01-11T07:00:00Z", await NextRunAsync(server, weekly)); // 08:00 in Paris
        Assert.Equal("2027-01-05T05:30:00Z", await NextRunAsync(server, daily));

        await SaveTimeZoneAsync(server, "America/New_York");

        Assert.Equal("2027-01-04T13:00:00Z", await NextRunAsync(server, weekly)); // 08:00 in New York, still ahead this Monday
        Assert.Equal("2027-01-05T11:30:00Z", await NextRunAsync(server, daily)); // 06:30 in New York (11:30 UTC) has passed today
        Assert.Null(await NextRunAsync(server, paused));

        await SaveTimeZoneAsync(server, "Asia/Tokyo");

        Assert.Equal("2027-01-10T23:00:00Z", await NextRunAsync(server, weekly)); // Monday 08:00 in Tokyo is Sunday 23:00 UTC
    }

    private static object Export(string name, object schedule, bool paused) => new
    {
        name,
        kind = "metrics",
        metrics = new[] { "mrr" },
        schedule,
        deliveries = Array.Empty<object>(),
        paused,
    };

    private static async Task SaveTimeZoneAsync(ExportServer server, string zone)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<ReportingSettingsService>();
        var form = ReportingSettingsForm.From((await settings.LoadAsync()).Settings);
        form.TimeZone = zone;
        var result = await settings.SaveAsync(form);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        Assert.Contains("Reporting:TimeZone", result.ChangedKeys);
    }

    private static async Task<string?> NextRunAsync(ExportServer server, long id) =>
        (await server.GetOkAsync($"/api/v1/exports/{id}"))["export"]!["next_run_at"] is { } next
            ? DateTimeOffset.FromUnixTimeSeconds(next.GetValue<long>()).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
