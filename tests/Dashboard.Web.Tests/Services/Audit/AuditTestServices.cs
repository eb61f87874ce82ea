using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Services.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Services.Audit;

/// <summary>The audit log over a test database on a clock the test moves.</summary>
public static class AuditTestServices
{
    public static ServiceProvider Build(TestDatabase database, TimeProvider clock) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock)
            .AddSingleton(database.CreateFactory())
            .AddAuditLog()
            .BuildServiceProvider();

    public static async Task<IReadOnlyList<AuditEntry>> AllAsync(this IAuditLog log, string? action = null) =>
        (await log.ReadAsync(1, AuditLog.MaxPerPage, action)).Entries;
}
