using System.Security.Claims;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Auth;

/// <summary>
/// The check a live Blazor circuit repeats every few seconds: its user is valid while the account exists with the
/// security stamp it signed in with.
/// </summary>
public sealed class SessionRevalidationTests : IAsyncLifetime
{
    private const string Password = "Circuit-pass-1";
    private TestDatabase database = null!;
    private ServiceProvider services = null!;
    private SessionRevalidatingStateProvider provider = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        services = AccountServices.Build(database);
        provider = new SessionRevalidatingStateProvider(
            services.GetRequiredService<ILoggerFactory>(),
            services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<IOptions<IdentityOptions>>());
        var accounts = services.GetRequiredService<UserAccounts>();
        foreach (var role in DashboardRoles.All)
        {
            Assert.True((await accounts.CreateAsync($"{role}@example.com", Password, role, AccountActor.CommandLine)).Succeeded);
        }
    }

    public async Task DisposeAsync()
    {
        ((IDisposable)provider).Dispose();
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_signed_in_user_stays_valid_until_their_stamp_changes()
    {
        var admin = await SignedInPrincipalAsync("admin@example.com");
        Assert.True(await provider.IsStillValidAsync(admin, CancellationToken.None));

        await WithUsersAsync(async users => await users.UpdateSecurityStampAsync((await users.FindByEmailAsync("admin@example.com"))!));

        Assert.False(await provider.IsStillValidAsync(admin, CancellationToken.None));
        Assert.True(await provider.IsStillValidAsync(await SignedInPrincipalAsync("admin@example.com"), CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_user_is_no_longer_valid()
    {
        var viewer = await SignedInPrincipalAsync("viewer@example.com");
        var accounts = services.GetRequiredService<UserAccounts>();
        var id = (await accounts.ListAsync()).Single(u => u.Email == "viewer@example.com").Id;

        Assert.True((await accounts.DeleteAsync(id, AccountActor.CommandLine)).Succeeded);

        Assert.False(await provider.IsStillValidAsync(viewer, CancellationToken.None));
    }

    [Fact]
    public async Task A_role_change_or_a_password_change_invalidates_the_circuit()
    {
        var admin = await SignedInPrincipalAsync("admin@example.com");
        var viewer = await SignedInPrincipalAsync("viewer@example.com");
        var accounts = services.GetRequiredService<UserAccounts>();
        var adminId = (await accounts.ListAsync()).Single(u => u.Email == "admin@example.com").Id;

        Assert.True((await accounts.ChangeRoleAsync(adminId, DashboardRoles.Viewer, AccountActor.CommandLine)).Succeeded);
        await WithUsersAsync(async users =>
            Assert.True((await users.ChangePasswordAsync((await users.FindByEmailAsync("viewer@example.com"))!, Password, "Circuit-pass-2")).Succeeded));

        Assert.False(await provider.IsStillValidAsync(admin, CancellationToken.None));
        Assert.False(await provider.IsStillValidAsync(viewer, CancellationToken.None));
    }

    [Fact]
    public async Task A_principal_without_a_stamp_is_not_valid_and_an_anonymous_one_has_nothing_to_end()
    {
        var owner = await SignedInPrincipalAsync("owner@example.com");
        var withoutStamp = new ClaimsPrincipal(new ClaimsIdentity(
            owner.Claims.Where(c => c.Type != "AspNet.Identity.SecurityStamp"), IdentityConstants.ApplicationScheme));

        Assert.False(await provider.IsStillValidAsync(withoutStamp, CancellationToken.None));
        Assert.True(await provider.IsStillValidAsync(TestUsers.Anonymous, CancellationToken.None));
    }

    [Fact]
    public void Circuits_recheck_within_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), SessionRules.CircuitRevalidationInterval);
        Assert.Equal(TimeSpan.Zero, services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval);
    }

    /// <summary>The principal a sign-in of <paramref name="email"/> would put in the cookie now.</summary>
    private async Task<ClaimsPrincipal> SignedInPrincipalAsync(string email)
    {
        ClaimsPrincipal? principal = null;
        await WithUsersAsync(async users =>
        {
            using var scope = services.CreateScope();
            var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<IdentityUser>>();
            principal = await factory.CreateAsync((await users.FindByEmailAsync(email))!);
        });
        return principal!;
    }

    private async Task WithUsersAsync(Func<UserManager<IdentityUser>, Task> action)
    {
        await using var scope = services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }
}
