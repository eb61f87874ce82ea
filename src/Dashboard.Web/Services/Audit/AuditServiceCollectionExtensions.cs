using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Services.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log (a singleton writing through the context factory) and the per-scope caller it records.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IAuditLog, AuditLog>();
        services.TryAddScoped<AuditCaller>();
        return services;
    }
}
