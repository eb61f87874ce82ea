using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Services.Audit;

/// <summary>
/// Who the current request or Blazor circuit acts as, for the audit log: the HTTP request's principal and address, or
/// in a circuit the signed-in user (its address is the one its connection came from, when the host still knows it).
/// </summary>
public sealed class AuditCaller(IHttpContextAccessor httpContext, IServiceProvider services, IAuditLog audit)
{
    /// <summary>Records <paramref name="action"/> on <paramref name="target"/> as the current caller's.</summary>
    public async Task RecordAsync(string action, string? target, CancellationToken cancellationToken = default) =>
        await audit.RecordAsync(await CurrentAsync(), action, target, cancellationToken);

    public async Task<AuditActor> CurrentAsync()
    {
        var context = httpContext.HttpContext;
        var address = AuditActor.AddressOf(context);
        if (context?.User.Identity?.IsAuthenticated == true)
        {
            return AuditActor.From(context.User, address);
        }

        if (services.GetService<AuthenticationStateProvider>() is { } provider)
        {
            try
            {
                return AuditActor.From((await provider.GetAuthenticationStateAsync()).User, address);
            }
            catch (InvalidOperationException)
            {
                // Outside a circuit or a component render the provider has no state; the request had no user either.
            }
        }

        return new AuditActor("anonymous", null, address);
    }
}
