using Dashboard.Infrastructure.Data;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Auth;

public static class AuthServiceCollectionExtensions
{
    public const string SignInPath = "/signin";
    public const string SetupPath = "/setup";
    public const string AccessDeniedPath = "/access-denied";

    /// <summary>
    /// Accounts and sign-in for the UI: ASP.NET Core Identity on the store with roles, the Identity cookie as the default
    /// scheme (the API keeps its key scheme), per-client sign-in throttling before the account lockout (<see cref="SignInRules"/>),
    /// the one-time set-up token, the audit log, the UI policies with a fallback requiring a signed-in user, the session
    /// rules of <see cref="SessionRules"/> (security stamp checked on every request, circuits revalidated), the access
    /// guard of services and component actions, and the <c>user create</c> verb's service.
    /// </summary>
    public static IServiceCollection AddDashboardAuth(this IServiceCollection services)
    {
        services.AddIdentityCore<IdentityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = SignInRules.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = SignInRules.LockoutDuration;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(ConfigureCookie);
        services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<IdentityUser>>();
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = SessionRules.StampValidationInterval);

        services.AddAuthorization(DashboardPolicies.Add);
        services.AddCascadingAuthenticationState();
        // Registered after the components' own provider, so circuits get this one (last registration wins).
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<AccessGuard>();
        services.AddSingleton<UserAccounts>();
        services.AddAuditLog();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<SetupToken>();
        services.AddSingleton<OwnerSetup>();
        services.AddHostedService<SetupTokenAnnouncement>();
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.LoginPath = SignInPath;
        options.LogoutPath = "/signout";
        options.AccessDeniedPath = AccessDeniedPath;
        options.Cookie.Name = "dashboard_auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = SessionRules.CookieLifetime;
        options.Events.OnRedirectToLogin = async context =>
        {
            // Until the first account exists there is nobody to sign in as: offer the setup page instead.
            var accounts = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
            var target = await accounts.AnyUsersAsync(context.HttpContext.RequestAborted) ? context.RedirectUri : SetupPath;
            context.Response.Redirect(target);
        };
    }
}

/// <summary>How long sessions live and how quickly an ended one stops working (docs/security.md, "Roles and sessions").</summary>
public static class SessionRules
{
    /// <summary>An idle session ends after this; every request renews it (sliding expiration).</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// Zero: every request looks the account up and compares its security stamp, so a deleted account or a changed
    /// stamp (sign-out, role or password change) stops the next request, and roles are read fresh each time.
    /// </summary>
    public static readonly TimeSpan StampValidationInterval = TimeSpan.Zero;

    /// <summary>How often a live Blazor circuit re-checks its account and security stamp.</summary>
    public static readonly TimeSpan CircuitRevalidationInterval = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The sign-in rules. Failures are slowed per client first (<see cref="SignInThrottle"/>); only attempts a client is
/// allowed to make count towards an account's lockout, so one address needs over an hour of waiting to lock an account
/// once, and far longer to keep it locked.
/// </summary>
public static class SignInRules
{
    /// <summary>Wrong passwords (from any clients) that lock the account.</summary>
    public const int MaxFailedAttempts = 20;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Failures a client may make before it has to wait (1 s, doubling each time).</summary>
    public const int FreeFailuresPerClient = 3;

    public static readonly TimeSpan MaxClientBackoff = TimeSpan.FromMinutes(10);

    /// <summary>How long after its last failure a client is forgotten.</summary>
    public static readonly TimeSpan ClientMemory = TimeSpan.FromHours(1);
}
