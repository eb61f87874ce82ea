using System.Globalization;
using Bunit;
using Dashboard.Web.Features.Segments;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Segments;

/// <summary>The Segments page over <see cref="KnownStore"/>'s business (Basic pays 10.00, Pro 20.00), loaded through its services.</summary>
public sealed class SegmentsPageTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private readonly KnownStore store;

    public SegmentsPageTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    [Fact]
    public void Each_saved_segment_shows_its_mrr_and_paying_customers_today()
    {
        var page = OpenSegments();

        string Value(long id, string metric) =>
            page.Find($"tr[data-segment-id='{id.ToString(CultureInfo.InvariantCulture)}'] [data-metric='{metric}']").GetAttribute("data-value")!;
        Assert.Equal("1000", Value(store.BasicSegmentId, "mrr"));
        Assert.Equal("2000", Value(store.ProSegmentId, "mrr"));
        Assert.Equal("1", Value(store.ProSegmentId, "active_customers"));
        Assert.Empty(page.FindAll("[data-testid='segments-error']"));
    }

    [Fact]
    public async Task Deleting_a_segment_that_is_already_gone_says_so_and_lists_the_others()
    {
        using var scope = store.Services.CreateScope();
        var segments = scope.ServiceProvider.GetRequiredService<SegmentService>();
        var gone = (await segments.CreateAsync("Gone soon", ["plan:eq:basic"], CancellationToken.None)).Segment!.Id;
        var page = OpenSegments();
        var row = $"tr[data-segment-id='{gone.ToString(CultureInfo.InvariantCulture)}']";

        page.Find($"{row} [data-testid='segment-delete']").Click();
        await segments.DeleteAsync(gone, CancellationToken.None);
        page.Find($"{row} [data-testid='segment-delete-confirm']").Click();

        page.WaitForAssertion(() => Assert.Contains($"Segment {gone} no longer exists.", page.Find("[data-testid='segments-error']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(row));
        Assert.NotEmpty(page.FindAll($"tr[data-segment-id='{store.BasicSegmentId.ToString(CultureInfo.InvariantCulture)}']"));
    }

    private IRenderedComponent<SegmentsPage> OpenSegments()
    {
        Open("segments");
        var page = RenderPage<SegmentsPage>();
        page.WaitForElement("[data-testid='segment-table']");
        return page;
    }
}
