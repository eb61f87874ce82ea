using System.Security.Claims;

namespace Dashboard.Web.Auth;

/// <summary>Thrown when the current user's role does not allow an action; nothing was changed.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>
/// The role check of component actions and the services they call, with the rules of <see cref="DashboardPolicies"/>:
/// a page that hides a button from viewers is not what stops them, this is.
/// </summary>
public sealed class AccessGuard(ICurrentUser user)
{
    /// <summary>True when the current user may do what <paramref name="policy"/> (a <see cref="DashboardPolicies"/> name) allows.</summary>
    public async Task<bool> AllowsAsync(string policy) => Allows(policy, await user.GetAsync());

    /// <summary>Throws <see cref="AccessDeniedException"/> naming <paramref name="action"/> unless the current user may.</summary>
    public async Task DemandAsync(string policy, string action)
    {
        if (!await AllowsAsync(policy))
        {
            throw new AccessDeniedException($"Your role may not {action}; ask an owner or admin.");
        }
    }

    public static bool Allows(string policy, ClaimsPrincipal principal) => policy switch
    {
        DashboardPolicies.Read => DashboardPolicies.CanRead(principal),
        DashboardPolicies.Manage => DashboardPolicies.CanManage(principal),
        DashboardPolicies.EditData => DashboardPolicies.CanEditData(principal),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "not a dashboard policy"),
    };
}
