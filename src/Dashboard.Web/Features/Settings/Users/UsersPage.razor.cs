using System.Globalization;
using System.Security.Claims;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Features.Settings.Users;

/// <summary>
/// <c>/settings/users</c>: lists accounts with role and lockout state; adds, re-roles and deletes them through
/// <see cref="UserAccounts"/>, which refuses what the signed-in user may not do (owners, the last owner).
/// </summary>
public partial class UsersPage : ComponentBase
{
    private IReadOnlyList<UserSummary>? users;
    private AccountActor actor = new(null, IsOwner: false);
    private string? message;
    private bool messageIsError;
    private bool busy;
    private string newEmail = string.Empty;
    private string newPassword = string.Empty;
    private string newRole = DashboardRoles.Viewer;

    // Bumped on every reload, so each role picker is drawn afresh: one whose change was refused shows the stored role
    // again instead of the choice it kept internally.
    private int generation;

    [Inject]
    public required UserAccounts Accounts { get; init; }

    [Inject]
    public required AuditCaller Audit { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyList<string> AssignableRoles =>
        actor.IsOwner ? DashboardRoles.All : [DashboardRoles.Admin, DashboardRoles.Viewer];

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            actor = new AccountActor(user.FindFirstValue(ClaimTypes.NameIdentifier), user.IsInRole(DashboardRoles.Owner))
            {
                Audit = await Audit.CurrentAsync(),
            };
        }

        users = await Accounts.ListAsync();
    }

    private bool CanManage(UserSummary user) => actor.IsOwner || user.Role != DashboardRoles.Owner;

    private IReadOnlyList<string> RolesFor(UserSummary user) =>
        user.Role == DashboardRoles.Owner ? DashboardRoles.All : AssignableRoles;

    private static string Status(UserSummary user) =>
        user.LockedOutUntil is { } until
            ? string.Create(CultureInfo.InvariantCulture, $"Locked until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC")
            : "Active";

    private Task AddAsync() => RunAsync(
        () => Accounts.CreateAsync(newEmail, newPassword, newRole, actor),
        $"Added {newEmail.Trim()} as {newRole}.",
        () =>
        {
            newEmail = string.Empty;
            newPassword = string.Empty;
        });

    private Task ChangeRoleAsync(UserSummary user, string role) =>
        RunAsync(() => Accounts.ChangeRoleAsync(user.Id, role, actor), $"{user.Email} is now {role}.");

    private Task DeleteAsync(UserSummary user) =>
        RunAsync(() => Accounts.DeleteAsync(user.Id, actor), $"Deleted {user.Email}.");

    private async Task RunAsync(Func<Task<AccountResult>> change, string success, Action? onSuccess = null)
    {
        busy = true;
        try
        {
            var result = await change();
            messageIsError = !result.Succeeded;
            message = result.Succeeded ? success : string.Join(" ", result.Errors);
            if (result.Succeeded)
            {
                onSuccess?.Invoke();
            }

            // Reload either way: a refused role change must show the role as it still is.
            users = await Accounts.ListAsync();
            generation++;
        }
        finally
        {
            busy = false;
        }
    }
}
