using System.Security.Claims;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Auth;

namespace Dashboard.Web.Tests.Services;

/// <summary>
/// Who may change saved segments, decided in <see cref="SegmentService"/> itself for every caller (page, circuit, API):
/// owners, admins and API keys that may write; a viewer, a read-only key or nobody changes nothing.
/// </summary>
public sealed class SegmentWriteAccessTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private long existing;

    public static TheoryData<string> Refused => new() { "viewer", "read key", "anonymous" };

    public static TheoryData<string> Allowed => new() { DashboardRoles.Owner, DashboardRoles.Admin, "write key" };

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        existing = (await new SegmentService(database.CreateFactory(), TestUsers.Admin).CreateAsync("Pro", ["plan:eq:pro"], CancellationToken.None)).Segment!.Id;
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Others_can_neither_create_nor_change_nor_delete(string who)
    {
        var service = new SegmentService(database.CreateFactory(), TestUsers.Guard(Principal(who)));

        var created = await Assert.ThrowsAsync<AccessDeniedException>(() => service.CreateAsync("Mine", ["plan:eq:basic"], CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.UpdateAsync(existing, "Renamed", ["plan:eq:basic"], CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.DeleteAsync(existing, CancellationToken.None));

        Assert.Equal("Your role may not change saved segments; ask an owner or admin.", created.Message);
        var kept = Assert.Single(await service.ListAsync(CancellationToken.None));
        Assert.Equal(("Pro", existing), (kept.Name, kept.Id));
        Assert.Equal(["plan:eq:pro"], kept.Filters);
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task Owners_admins_and_write_keys_may(string who)
    {
        var service = new SegmentService(database.CreateFactory(), TestUsers.Guard(Principal(who)));

        var created = await service.CreateAsync("Basic", ["plan:eq:basic"], CancellationToken.None);
        Assert.True(created.Succeeded);
        Assert.True((await service.UpdateAsync(existing, "Pro plans", ["plan:eq:pro"], CancellationToken.None)).Succeeded);
        Assert.NotNull(await service.DeleteAsync(created.Segment!.Id, CancellationToken.None));

        Assert.Equal("Pro plans", Assert.Single(await service.ListAsync(CancellationToken.None)).Name);
    }

    private static ClaimsPrincipal Principal(string who) => who switch
    {
        "read key" => TestUsers.ApiKey("read"),
        "write key" => TestUsers.ApiKey("write"),
        "anonymous" => TestUsers.Anonymous,
        _ => TestUsers.InRole(who),
    };
}
