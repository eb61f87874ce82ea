using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.ChartNotes;
using Dashboard.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Account;

/// <summary>Dashboard accounts as Baremetrics' users: <c>admin</c> for owners and admins; no names are stored, so <c>name</c> is the email.</summary>
internal static class Accounts
{
    public static async Task<Dictionary<string, UserDto>> ByIdAsync(DashboardDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        return (await QueryAsync(db, wanted, cancellationToken)).ToDictionary(u => u.Id, StringComparer.Ordinal);
    }

    /// <summary>Every account (<paramref name="ids"/> null) or those of the given ids, by email.</summary>
    public static async Task<List<UserDto>> QueryAsync(DashboardDbContext db, IReadOnlyList<string>? ids, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (ids is not null)
        {
            users = users.Where(u => ids.Contains(u.Id));
        }

        return await QueryAsync(db, users, cancellationToken);
    }

    /// <summary>The account of that id, or else of that email (Identity stores emails upper-cased for lookups).</summary>
    public static async Task<UserDto?> FindAsync(DashboardDbContext db, string idOrEmail, CancellationToken cancellationToken)
    {
        var normalized = idOrEmail.Trim().ToUpperInvariant();
        var users = db.Users.AsNoTracking().Where(u => u.Id == idOrEmail || u.NormalizedEmail == normalized);
        return (await QueryAsync(db, users, cancellationToken)).OrderBy(u => u.Id == idOrEmail ? 0 : 1).FirstOrDefault();
    }

    private static async Task<List<UserDto>> QueryAsync(
        DashboardDbContext db, IQueryable<Microsoft.AspNetCore.Identity.IdentityUser> users, CancellationToken cancellationToken)
    {
        var rows = await (
                from user in users
                join link in db.UserRoles on user.Id equals link.UserId into links
                from link in links.DefaultIfEmpty()
                join role in db.Roles on link.RoleId equals role.Id into roles
                from role in roles.DefaultIfEmpty()
                select new { user.Id, user.Email, user.UserName, Role = role == null ? null : role.Name })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.Id)
            .Select(g =>
            {
                var first = g.First();
                var email = first.Email ?? first.UserName ?? first.Id;
                return new UserDto(first.Id, email, g.Any(r => r.Role is DashboardRoles.Owner or DashboardRoles.Admin), email);
            })
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public static UserDto? Of(IReadOnlyDictionary<string, UserDto> users, string? id) => id is null ? null : users.GetValueOrDefault(id);
}
