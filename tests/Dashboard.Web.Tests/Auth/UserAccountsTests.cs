using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Auth;

/// <summary>The account rules on both providers: the last owner stays, only owners manage owners, one first owner.</summary>
public sealed class UserAccountsTests
{
    private const string Password = "Sturdy-pass-1";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_last_owner_can_be_neither_demoted_nor_deleted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = AccountServices.Build(database);
        var accounts = services.GetRequiredService<UserAccounts>();
        Assert.True((await accounts.CreateAsync("first@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine)).Succeeded);
        var owner = (await accounts.ListAsync()).Single();

        var demoted = await accounts.ChangeRoleAsync(owner.Id, DashboardRoles.Admin, AccountActor.CommandLine);
        var deleted = await accounts.DeleteAsync(owner.Id, AccountActor.CommandLine);

        Assert.Equal(["first@example.com is the last owner; make another user an owner first."], demoted.Errors);
        Assert.Equal(["first@example.com is the last owner and cannot be deleted; make another user an owner first."], deleted.Errors);
        Assert.Equal(DashboardRoles.Owner, (await accounts.ListAsync()).Single().Role);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task With_a_second_owner_the_first_can_be_demoted_and_then_the_second_is_the_last(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = AccountServices.Build(database);
        var accounts = services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("first@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine);
        await accounts.CreateAsync("second@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine);
        var list = await accounts.ListAsync();
        var first = list.Single(u => u.Email == "first@example.com");
        var second = list.Single(u => u.Email == "second@example.com");

        Assert.True((await accounts.ChangeRoleAsync(first.Id, DashboardRoles.Viewer, AccountActor.CommandLine)).Succeeded);
        Assert.False((await accounts.DeleteAsync(second.Id, AccountActor.CommandLine)).Succeeded);
        Assert.True((await accounts.DeleteAsync(first.Id, AccountActor.CommandLine)).Succeeded);

        var remaining = Assert.Single(await accounts.ListAsync());
        Assert.Equal(("second@example.com", DashboardRoles.Owner), (remaining.Email, remaining.Role));
    }

    [Fact]
    public async Task Only_owners_create_promote_demote_or_delete_owners()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = AccountServices.Build(database);
        var accounts = services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("owner@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine);
        await accounts.CreateAsync("owner2@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine);
        await accounts.CreateAsync("viewer@example.com", Password, DashboardRoles.Viewer, AccountActor.CommandLine);
        await accounts.CreateAsync("admin@example.com", Password, DashboardRoles.Admin, AccountActor.CommandLine);
        var list = await accounts.ListAsync();
        var owner = list.Single(u => u.Email == "owner@example.com");
        var viewer = list.Single(u => u.Email == "viewer@example.com");
        // An admin whose page still claims to be an owner: the store's role counts, not the claim.
        var admin = new AccountActor(list.Single(u => u.Email == "admin@example.com").Id, IsOwner: true);

        Assert.Equal(["Only an owner may create another owner."], (await accounts.CreateAsync("x@example.com", Password, DashboardRoles.Owner, admin)).Errors);
        Assert.Equal(["Only an owner may make someone an owner or change an owner's role."], (await accounts.ChangeRoleAsync(viewer.Id, DashboardRoles.Owner, admin)).Errors);
        Assert.Equal(["Only an owner may make someone an owner or change an owner's role."], (await accounts.ChangeRoleAsync(owner.Id, DashboardRoles.Viewer, admin)).Errors);
        Assert.Equal(["Only an owner may delete an owner."], (await accounts.DeleteAsync(owner.Id, admin)).Errors);
        Assert.True((await accounts.ChangeRoleAsync(viewer.Id, DashboardRoles.Admin, admin)).Succeeded);

        var roles = (await accounts.ListAsync()).ToDictionary(u => u.Email, u => u.Role);
        Assert.Equal(DashboardRoles.Owner, roles["owner@example.com"]);
        Assert.Equal(DashboardRoles.Admin, roles["viewer@example.com"]);
        Assert.Equal(4, roles.Count);
    }

    [Fact]
    public async Task A_deleted_or_demoted_actor_can_no_longer_manage_accounts()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = AccountServices.Build(database);
        var accounts = services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("owner@example.com", Password, DashboardRoles.Owner, AccountActor.CommandLine);
        await accounts.CreateAsync("gone@example.com", Password, DashboardRoles.Admin, AccountActor.CommandLine);
        await accounts.CreateAsync("demoted@example.com", Password, DashboardRoles.Admin, AccountActor.CommandLine);
        var list = await accounts.ListAsync();
        var gone = new AccountActor(list.Single(u => u.Email == "gone@example.com").Id, IsOwner: false);
        var demoted = new AccountActor(list.Single(u => u.Email == "demoted@example.com").Id, IsOwner: false);
        Assert.True((await accounts.DeleteAsync(gone.UserId!, AccountActor.CommandLine)).Succeeded);
        Assert.True((await accounts.ChangeRoleAsync(demoted.UserId!, DashboardRoles.Viewer, AccountActor.CommandLine)).Succeeded);

        foreach (var actor in new[] { gone, demoted })
        {
            Assert.Equal([UserAccounts.ActorGone], (await accounts.CreateAsync("new-admin@example.com", Password, DashboardRoles.Admin, actor)).Errors);
            Assert.Equal([UserAccounts.ActorGone], (await accounts.ChangeRoleAsync(demoted.UserId!, DashboardRoles.Admin, actor)).Errors);
            Assert.Equal([UserAccounts.ActorGone], (await accounts.DeleteAsync(list.Single(u => u.Email == "owner@example.com").Id, actor)).Errors);
        }

        var roles = (await accounts.ListAsync()).ToDictionary(u => u.Email, u => u.Role);
        Assert.Equal(2, roles.Count);
        Assert.Equal(DashboardRoles.Viewer, roles["demoted@example.com"]);
    }

    [Fact]
    public async Task Bad_role_and_own_account_deletion_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = AccountServices.Build(database);
        var accounts = services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("admin@example.com", Password, DashboardRoles.Admin, AccountActor.CommandLine);
        var admin = (await accounts.ListAsync()).Single();

        Assert.Equal(["'boss' is not a role; use one of owner, admin, viewer."], (await accounts.CreateAsync("b@example.com", Password, "boss", AccountActor.CommandLine)).Errors);
        Assert.Equal(["'boss' is not a role; use one of owner, admin, viewer."], (await accounts.ChangeRoleAsync(admin.Id, "boss", AccountActor.CommandLine)).Errors);
        Assert.Equal(["You cannot delete your own account; ask another owner or admin."], (await accounts.DeleteAsync(admin.Id, new AccountActor(admin.Id, false))).Errors);
        Assert.Single(await accounts.ListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Concurrent_first_owner_setups_create_exactly_one_owner(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Two service providers act like two server processes: the in-process gate does not serialise them.
        await using var one = AccountServices.Build(database);
        await using var two = AccountServices.Build(database);

        var results = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i =>
                (i % 2 == 0 ? one : two).GetRequiredService<UserAccounts>().CreateFirstOwnerAsync($"owner{i}@example.com", Password)));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal([UserAccounts.SetupClosed], r.Errors));
        var owner = Assert.Single(await one.GetRequiredService<UserAccounts>().ListAsync());
        Assert.Equal(DashboardRoles.Owner, owner.Role);
    }
}
