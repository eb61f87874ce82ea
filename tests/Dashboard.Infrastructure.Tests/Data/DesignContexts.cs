using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Data;

/// <summary>A context on a provider that never connects: for the model, generated scripts and query translation.</summary>
internal static class DesignContexts
{
    public static DashboardDbContext Create(DatabaseProvider provider)
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=never-opened.db",
            DatabaseProvider.PostgreSql => "Host=never-opened.invalid;Database=dashboard",
            _ => "Server=never-opened.invalid;Database=dashboard;TrustServerCertificate=True",
        };
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        StoreServiceCollectionExtensions.Configure(builder, new DatabaseOptions(provider, connectionString));
        return new DashboardDbContext(builder.Options);
    }
}
