using Dashboard.Infrastructure.Data;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Auth;

/// <summary>
/// Creates, lists, re-roles and deletes dashboard accounts (Identity users with exactly one role), enforcing the rules
/// the UI and the command line share: known roles only, only owners manage owners, and the last owner can be neither
/// removed nor demoted. Each call works in a scope of its own, so Blazor circuits never hold a stale context. Every
/// change made (not a refused one) is written to the audit log as the actor's.
/// </summary>
public sealed class UserAccounts(IServiceScopeFactory scopes, TimeProvider time, IAuditLog audit)
{
    // Serialises changes within the process so two requests cannot both pass the last-owner or first-owner check.
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool anyUserSeen;

    /// <summary>True once any account exists (cached once seen: accounts are never all removed, the last owner stays).</summary>
    public async Task<bool> AnyUsersAsync(CancellationToken cancellationToken = default)
    {
        if (anyUserSeen)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        anyUserSeen = await db.Users.AnyAsync(cancellationToken);
        return anyUserSeen;
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           select new { link.UserId, role.Name }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return users
            .Select(u => new UserSummary(
                u.Id,
                u.Email ?? u.UserName ?? u.Id,
                roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? string.Empty,
                u.LockoutEnd > now ? u.LockoutEnd : null))
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Creates the first account, an owner, only while there is none. Race-safe: the check and the insert share one
    /// transaction that takes the write lock (SQLite) or is serializable (PostgreSQL), behind the in-process gate.
    /// </summary>
    public async Task<AccountResult> CreateFirstOwnerAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
                if (await db.Users.AnyAsync(cancellationToken))
                {
                    anyUserSeen = true;
                    return AccountResult.Fail(SetupClosed);
                }

                await EnsureRolesAsync(scope.ServiceProvider);

                var result = await CreateInScopeAsync(scope.ServiceProvider, email, password, DashboardRoles.Owner);
                if (!result.Succeeded)
                {
                    return result;
                }

                await transaction.CommitAsync(cancellationToken);
                anyUserSeen = true;
                return result;
            }
            catch (Exception exception) when (IsWriteConflict(exception))
            {
                // Another process created an account at the same moment; its transaction won.
                return AccountResult.Fail(SetupClosed);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public const string SetupClosed = "An account already exists; sign in instead.";

    public async Task<AccountResult> CreateAsync(string email, string password, string role, AccountActor actor, CancellationToken cancellationToken = default)
    {
        if (!DashboardRoles.IsKnown(role))
        {
            return AccountResult.Fail(UnknownRole(role));
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await VerifyAsync(scope.ServiceProvider, actor) is not { } verified)
            {
                return AccountResult.Fail(ActorGone);
            }

            if (role == DashboardRoles.Owner && !verified.IsOwner)
            {
                return AccountResult.Fail("Only an owner may create another owner.");
            }

            await EnsureRolesAsync(scope.ServiceProvider);
            var result = await CreateInScopeAsync(scope.ServiceProvider, email, password, role);
            anyUserSeen |= result.Succeeded;
            if (result.Succeeded)
            {
                await audit.RecordAsync(actor.Audit, AuditActions.UserCreated, $"{email.Trim()} as {role}", cancellationToken);
            }

            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<AccountResult> ChangeRoleAsync(string userId, string role, AccountActor actor, CancellationToken cancellationToken = default)
    {
        if (!DashboardRoles.IsKnown(role))
        {
            return AccountResult.Fail(UnknownRole(role));
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await VerifyAsync(scope.ServiceProvider, actor) is not { } verified)
            {
                return AccountResult.Fail(ActorGone);
            }

            actor = verified;
            await EnsureRolesAsync(scope.ServiceProvider);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return AccountResult.Fail("That user no longer exists.");
            }

            var current = await users.GetRolesAsync(user);
            if (current.Count == 1 && current[0] == role)
            {
                return AccountResult.Ok;
            }

            var isOwner = current.Contains(DashboardRoles.Owner);
            if ((isOwner || role == DashboardRoles.Owner) && !actor.IsOwner)
            {
                return AccountResult.Fail("Only an owner may make someone an owner or change an owner's role.");
            }

            if (isOwner && await IsLastOwnerAsync(users))
            {
                return AccountResult.Fail($"{user.Email} is the last owner; make another user an owner first.");
            }

            var removed = await users.RemoveFromRolesAsync(user, current);
            if (!removed.Succeeded)
            {
                return Failed(removed);
            }

            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                return Failed(added);
            }

            // A new role ends the user's sessions: they sign in again and get it (docs/security.md).
            var changed = Failed(await users.UpdateSecurityStampAsync(user));
            if (changed.Succeeded)
            {
                await audit.RecordAsync(actor.Audit, AuditActions.UserRoleChanged, $"{user.Email} from {string.Join(",", current)} to {role}", cancellationToken);
            }

            return changed;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<AccountResult> DeleteAsync(string userId, AccountActor actor, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await VerifyAsync(scope.ServiceProvider, actor) is not { } verified)
            {
                return AccountResult.Fail(ActorGone);
            }

            actor = verified;
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return AccountResult.Fail("That user no longer exists.");
            }

            if (userId == actor.UserId)
            {
                return AccountResult.Fail("You cannot delete your own account; ask another owner or admin.");
            }

            if (await users.IsInRoleAsync(user, DashboardRoles.Owner))
            {
                if (!actor.IsOwner)
                {
                    return AccountResult.Fail("Only an owner may delete an owner.");
                }

                if (await IsLastOwnerAsync(users))
                {
                    return AccountResult.Fail($"{user.Email} is the last owner and cannot be deleted; make another user an owner first.");
                }
            }

            var deleted = Failed(await users.DeleteAsync(user));
            if (deleted.Succeeded)
            {
                await audit.RecordAsync(actor.Audit, AuditActions.UserDeleted, user.Email, cancellationToken);
            }

            return deleted;
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<AccountResult> CreateInScopeAsync(IServiceProvider services, string email, string password, string role)
    {
        email = email.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return AccountResult.Fail($"'{email}' is not an email address.");
        }

        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AccountResult.Fail($"A user with the email {email} already exists.");
        }

        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Failed(created);
        }

        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
        }

        return Failed(added);
    }

    public const string ActorGone = "Your account was deleted or may no longer manage users; sign in again.";

    /// <summary>
    /// The actor as the store knows them now: a signed-in user must still exist and be an owner or admin, and is an
    /// owner only if the store says so (a page's claims may be older than a deletion or a role change). The command
    /// line (no user id) is taken as given. Null when the user may not manage accounts.
    /// </summary>
    private static async Task<AccountActor?> VerifyAsync(IServiceProvider services, AccountActor actor)
    {
        if (actor.UserId is null)
        {
            return actor;
        }

        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByIdAsync(actor.UserId) is not { } user)
        {
            return null;
        }

        var roles = await users.GetRolesAsync(user);
        return roles.Contains(DashboardRoles.Owner) ? actor with { IsOwner = true }
            : roles.Contains(DashboardRoles.Admin) ? actor with { IsOwner = false }
            : null;
    }

    /// <summary>A lost race: a serialization failure or unique-key clash, possibly wrapped by EF's execution strategy.</summary>
    private static bool IsWriteConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbUpdateException or System.Data.Common.DbException)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> IsLastOwnerAsync(UserManager<IdentityUser> users) =>
        (await users.GetUsersInRoleAsync(DashboardRoles.Owner)).Count <= 1;

    private static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in DashboardRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private static string UnknownRole(string role) =>
        $"'{role}' is not a role; use one of {string.Join(", ", DashboardRoles.All)}.";

    private static AccountResult Failed(IdentityResult result) =>
        result.Succeeded ? AccountResult.Ok : new AccountResult(result.Errors.Select(e => e.Description).ToList());
}
