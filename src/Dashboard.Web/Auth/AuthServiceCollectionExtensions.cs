using Dashboard.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Auth;

public static class AuthServiceCollectionExtensions
{
    public const string SignInPath = "/signin";
    public const string SetupPath = "/setup";
    public const string AccessDeniedPath = "/access-denied";

    /// <summary>
    /// Accounts and sign-in for the UI: ASP.NET Core Identity on the store with roles, the Identity cookie as the default
    /// scheme (the API keeps its key scheme), lockout after 5 failures for 15 minutes, the UI policies with a fallback
    /// requiring a signed-in user, and the <c>user create</c> verb's service.
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

        services.AddAuthorization(DashboardPolicies.Add);
        services.AddCascadingAuthenticationState();
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
        options.ExpireTimeSpan = TimeSpan.FromDays(14);
        options.Events.OnRedirectToLogin = async context =>
        {
            // Until the first account exists there is nobody to sign in as: offer the setup page instead.
            var accounts = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
            var target = await accounts.AnyUsersAsync(context.HttpContext.RequestAborted) ? context.RedirectUri : SetupPath;
            context.Response.Redirect(target);
        };
    }
}

/// <summary>The lockout rule, shared by the Identity options and the sign-in page's message.</summary>
public static class SignInRules
{
    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
}
