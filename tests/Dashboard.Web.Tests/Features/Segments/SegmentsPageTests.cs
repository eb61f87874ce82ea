using System.Globalization;
using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Auth;
using Dashboard.Web.Features.Segments;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Segments;

/// <summary>
/// The Segments page over <see cref="KnownStore"/>'s business (Basic pays 10.00, Pro 20.00), loaded through its services
/// (which act as an admin unless a test signs a viewer in).
/// </summary>
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

    [Fact]
    public async Task A_viewer_reads_the_segments_but_gets_no_editor_and_their_circuit_cannot_write()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("viewer@example.com");
        auth.SetRoles(DashboardRoles.Viewer);
        // The page's own services in the circuit's scope, acting as the circuit's user.
        Services.AddHttpContextAccessor();
        Services.AddScoped<ICurrentUser, CurrentUser>();
        Services.AddScoped<AccessGuard>();
        Services.AddSingleton(store.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>());
        Services.AddScoped<SegmentService>();

        var page = OpenSegments();

        Assert.NotEmpty(page.FindAll($"tr[data-segment-id='{store.ProSegmentId.ToString(CultureInfo.InvariantCulture)}']"));
        Assert.Empty(page.FindAll("[data-testid='segment-new']"));
        Assert.Empty(page.FindAll("[data-testid='segment-edit']"));
        Assert.Empty(page.FindAll("[data-testid='segment-delete']"));
        var circuit = Services.GetRequiredService<SegmentService>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => circuit.CreateAsync("Viewer's own", ["plan:eq:pro"], CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => circuit.UpdateAsync(store.ProSegmentId, "Renamed", ["plan:eq:basic"], CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => circuit.DeleteAsync(store.ProSegmentId, CancellationToken.None));
        var pro = (await circuit.ListAsync(CancellationToken.None)).Single(s => s.Id == store.ProSegmentId);
        Assert.Equal("Pro", pro.Name);
        Assert.Equal(["plan:eq:pro"], pro.Filters);
        Assert.DoesNotContain(await circuit.ListAsync(CancellationToken.None), s => s.Name == "Viewer's own");
    }

    [Fact]
    public void An_admin_gets_the_editing_buttons()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.com");
        auth.SetRoles(DashboardRoles.Admin);
        Services.AddHttpContextAccessor();
        Services.AddScoped<ICurrentUser, CurrentUser>();
        Services.AddScoped<AccessGuard>();

        var page = OpenSegments();

        Assert.Single(page.FindAll("[data-testid='segment-new']"));
        Assert.NotEmpty(page.FindAll("[data-testid='segment-edit']"));
    }

    [Fact]
    public void Ticking_two_segments_links_to_their_comparison_and_a_chosen_metric_to_its_page()
    {
        var page = OpenSegments();
        var basic = store.BasicSegmentId.ToString(CultureInfo.InvariantCulture);
        var pro = store.ProSegmentId.ToString(CultureInfo.InvariantCulture);
        Assert.Equal("true", page.Find("[data-testid='segment-compare']").GetAttribute("aria-disabled"));
        Assert.Equal("Compare Pro", page.Find($"tr[data-segment-id='{pro}'] [data-testid='segment-pick']").GetAttribute("aria-label"));

        page.Find($"tr[data-segment-id='{basic}'] [data-testid='segment-pick']").Click();
        page.Find($"tr[data-segment-id='{pro}'] [data-testid='segment-pick']").Click();

        Assert.Equal("true", page.Find($"tr[data-segment-id='{pro}'] [data-testid='segment-pick']").GetAttribute("aria-checked"));
        var compare = page.Find("[data-testid='segment-compare']");
        Assert.Equal("false", compare.GetAttribute("aria-disabled"));
        var (first, second) = store.BasicSegmentId < store.ProSegmentId ? (basic, pro) : (pro, basic);
        Assert.Equal($"segments/compare?metric=mrr&segment_id={first}&segment_id={second}", compare.GetAttribute("href"));

        page.Find($"tr[data-segment-id='{basic}'] [data-testid='segment-pick']").Click();
        Assert.Equal("false", page.Find($"tr[data-segment-id='{basic}'] [data-testid='segment-pick']").GetAttribute("aria-checked"));
        Assert.Equal("true", page.Find("[data-testid='segment-compare']").GetAttribute("aria-disabled"));

        var metric = page.Find($"tr[data-segment-id='{pro}'] [data-testid='segment-metric']");
        Assert.Equal("Metric for Pro", page.Find($"#{metric.GetAttribute("aria-labelledby")}").TextContent);
        metric.PickValue("arpu");
        Assert.Equal($"metrics/arpu?segment_id={pro}", page.Find($"tr[data-segment-id='{pro}'] [data-testid='segment-view']").GetAttribute("href"));
        Assert.Equal($"metrics/mrr?segment_id={basic}", page.Find($"tr[data-segment-id='{basic}'] [data-testid='segment-view']").GetAttribute("href"));
    }

    [Fact]
    public void The_table_shows_each_segments_filters_in_words()
    {
        var page = OpenSegments();

        var chip = page.Find($"tr[data-segment-id='{store.ProSegmentId.ToString(CultureInfo.InvariantCulture)}'] .filter-chip[data-filter='plan:eq:pro']");
        Assert.StartsWith("Plan is ", chip.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(":eq:", chip.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_editors_name_box_is_labelled_and_an_empty_name_is_refused_by_name()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.com");
        auth.SetRoles(DashboardRoles.Admin);
        Services.AddHttpContextAccessor();
        Services.AddScoped<ICurrentUser, CurrentUser>();
        Services.AddScoped<AccessGuard>();
        var page = OpenSegments();

        page.Find("[data-testid='segment-new']").Click();
        var box = page.Find("[data-testid='segment-name']");
        Assert.Equal("Name", page.Find($"label[for='{box.Id}']").TextContent);
        page.Find("[data-testid='segment-save']").Click();

        page.WaitForAssertion(() => Assert.Equal("name", page.Find("[data-testid='segment-errors'] li").GetAttribute("data-field")));
        Assert.Equal("true", page.Find("[data-testid='segment-name']").GetAttribute("aria-invalid"));
    }

    private IRenderedComponent<SegmentsPage> OpenSegments()
    {
        Open("segments");
        var page = RenderPage<SegmentsPage>();
        page.WaitForElement("[data-testid='segment-table']");
        return page;
    }
}
