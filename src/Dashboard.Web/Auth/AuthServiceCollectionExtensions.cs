using Dashboard.Infrastructure.Data;
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
    /// scheme (the API keeps its key scheme), lockout after 5 failures for 15 minutes, the UI policies with a fallback
    /// requiring a signed-in user, the session rules of <see cref="SessionRules"/> (security stamp checked on every
    /// request, circuits revalidated), the access guard of services and component actions, and the <c>user create</c>
    /// verb's service.
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

/// <summary>The lockout rule, shared by the Identity options and the sign-in page's message.</summary>
public static class SignInRules
{
    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
}
