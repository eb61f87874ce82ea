using Bunit;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Features.Exports;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Exports;

/// <summary>
/// The run history of the Exports page: every run with its deliveries and a download of its file for everyone; a Retry
/// button on each failed delivery of a run that stored its file, for owners and admins only.
/// </summary>
public sealed class ExportRunHistoryTests : DashboardTestContext
{
    private static readonly DateTimeOffset At = new(2026, 3, 30, 6, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<StoredRun> Runs =
    [
        new(12, 3, "manual", RunStatus.Succeeded, At, At, At.AddSeconds(2), 12, 480, null, "runs/3/12.csv",
        [
            new StoredDelivery(101, 0, "email", "founder@example.com", DeliveryStatus.Failed, 3, "Email is not set up", At),
            new StoredDelivery(102, 1, "folder", "folder", DeliveryStatus.Succeeded, 1, null, At),
        ]),
        new(11, 3, "schedule", RunStatus.Failed, At, At, At, null, null, "no segment has the id 4", null,
        [
            new StoredDelivery(100, 0, "email", "founder@example.com", DeliveryStatus.Failed, 0, ExportStore.NotSentRunFailed, At),
        ]),
    ];

    private readonly List<(long Run, long Delivery)> retried = [];

    [Fact]
    public void An_owner_retries_the_failed_delivery_of_a_run_with_a_file()
    {
        var history = RenderHistory(canManage: true);

        var button = Assert.Single(history.FindAll("[data-testid='delivery-retry']"));
        Assert.Equal("101", button.Closest("[data-delivery-id]")!.GetAttribute("data-delivery-id"));
        button.Click();

        Assert.Equal([(12L, 101L)], retried);
        Assert.Contains("email founder@example.com: failed (3) – Email is not set up", history.Find("[data-delivery-id='101']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_reads_and_downloads_but_cannot_retry()
    {
        var history = RenderHistory(canManage: false);

        Assert.Empty(history.FindAll("[data-testid='delivery-retry']"));
        var download = Assert.Single(history.FindAll("[data-testid='export-download']"));
        Assert.Equal("exports/3/runs/12.csv", download.GetAttribute("href"));
        Assert.Equal(["succeeded", "failed"], history.FindAll("tr[data-run-id]").Select(r => r.GetAttribute("data-status")));
        Assert.Contains("480 B", history.Find("tr[data-run-id='12']").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<ExportRunHistory> RenderHistory(bool canManage) => Render<ExportRunHistory>(p => p
        .Add(h => h.ExportId, 3)
        .Add(h => h.Runs, Runs)
        .Add(h => h.CanManage, canManage)
        .Add(h => h.Retry, (run, delivery) =>
        {
            retried.Add((run.Id, delivery.Id));
            return Task.CompletedTask;
        }));
}
