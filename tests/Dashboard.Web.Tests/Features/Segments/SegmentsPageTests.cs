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

    private IRenderedComponent<SegmentsPage> OpenSegments()
    {
        Open("segments");
        var page = RenderPage<SegmentsPage>();
        page.WaitForElement("[data-testid='segment-table']");
        return page;
    }
}
