using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Api;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Services.Audit;

/// <summary>The audit log's store on both providers, and the entries account changes write.</summary>
public sealed class AuditLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Entries_are_read_newest_first_a_page_at_a_time_and_by_action(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FixedTimeProvider(Start);
        await using var services = AuditTestServices.Build(database, clock);
        var log = services.GetRequiredService<IAuditLog>();
        var actor = new AuditActor("owner@example.com", "u1", "192.0.2.7");
        foreach (var (action, target) in new[] { (AuditActions.SignIn, "a"), (AuditActions.UserCreated, "b"), (AuditActions.SignIn, "c") })
        {
            await log.RecordAsync(actor, action, target);
            clock.Now += TimeSpan.FromMinutes(1);
        }

        var first = await log.ReadAsync(1, 2);
        var second = await log.ReadAsync(2, 2);
        var signIns = await log.ReadAsync(1, 10, AuditActions.SignIn);

        Assert.Equal(["c", "b"], first.Entries.Select(e => e.Target));
        Assert.True(first.HasMore);
        Assert.Equal(["a"], second.Entries.Select(e => e.Target));
        Assert.False(second.HasMore);
        Assert.Equal(["c", "a"], signIns.Entries.Select(e => e.Target));
        var newest = first.Entries[0];
        Assert.Equal((Start.AddMinutes(2), "owner@example.com", "u1", "192.0.2.7"), (newest.OccurredAt, newest.Actor, newest.ActorId, newest.RemoteIp));
    }

    [Fact]
    public async Task Over_long_text_is_clipped_to_the_columns_and_bad_pages_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = AuditTestServices.Build(database, new FixedTimeProvider(Start));
        var log = services.GetRequiredService<IAuditLog>();

        await log.RecordAsync(new AuditActor(new string('a', 400), null, null), AuditActions.SignInFailed, new string('t', 600));

        var entry = Assert.Single(await log.AllAsync());
        Assert.Equal((AuditEntry.ActorLength, AuditEntry.TargetLength), (entry.Actor.Length, entry.Target!.Length));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadAsync(0, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadAsync(AuditLog.MaxPage + 1, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadAsync(1, AuditLog.MaxPerPage + 1));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Creating_re_roling_and_deleting_a_user_are_recorded_as_the_actor_refusals_are_not(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = AccountServices.Build(database);
        var accounts = services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("first@example.com", "Sturdy-pass-1", DashboardRoles.Owner, AccountActor.CommandLine);
        var owner = (await accounts.ListAsync()).Single();
        var actor = new AccountActor(owner.Id, IsOwner: true) { Audit = new AuditActor("first@example.com", owner.Id, "198.51.100.4") };

        await accounts.CreateAsync("second@example.com", "Sturdy-pass-1", DashboardRoles.Viewer, actor);
        var second = (await accounts.ListAsync()).Single(u => u.Email == "second@example.com");
        await accounts.ChangeRoleAsync(second.Id, DashboardRoles.Admin, actor);
        await accounts.DeleteAsync(owner.Id, actor);
        await accounts.DeleteAsync(second.Id, actor);

        var entries = (await services.GetRequiredService<IAuditLog>().AllAsync()).Reverse().ToList();
        Assert.Equal(
            [
                (AuditActions.UserCreated, "command line", "first@example.com as owner", (string?)null),
                (AuditActions.UserCreated, "first@example.com", "second@example.com as viewer", "198.51.100.4"),
                (AuditActions.UserRoleChanged, "first@example.com", "second@example.com from viewer to admin", "198.51.100.4"),
                (AuditActions.UserDeleted, "first@example.com", "second@example.com", "198.51.100.4"),
            ],
            entries.Select(e => (e.Action, e.Actor, e.Target!, e.RemoteIp)));
    }
}
