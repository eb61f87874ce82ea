using Dashboard.Infrastructure.Data;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Infrastructure.Tests.Data;

public sealed class StoreOptionsTests
{
    [Fact]
    public void SqlServer_is_a_provider_and_needs_a_connection_string()
    {
        const string connectionString = "Server=db.example;Database=dashboard;Integrated Security=true";
        var options = StoreServiceCollectionExtensions.ReadOptions(Configuration("SqlServer", connectionString), "/app");

        Assert.Equal(new DatabaseOptions(DatabaseProvider.SqlServer, connectionString), options);
        var missing = Assert.Throws<InvalidOperationException>(() => StoreServiceCollectionExtensions.ReadOptions(Configuration("SqlServer", null), "/app"));
        Assert.Contains("SqlServer but ConnectionStrings:Dashboard is empty", missing.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<InvalidOperationException>(() => StoreServiceCollectionExtensions.ReadOptions(Configuration("Oracle", null), "/app"));
        Assert.Contains("PostgreSql or SqlServer", unknown.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string provider, string? connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Dashboard"] = connectionString,
        }).Build();
}
