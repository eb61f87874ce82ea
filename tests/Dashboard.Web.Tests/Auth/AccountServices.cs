using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Auth;

/// <summary>The store, Identity and the account service over a test database, without the web host.</summary>
public static class AccountServices
{
    public static ServiceProvider Build(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = database.Provider.ToString(),
                ["ConnectionStrings:Dashboard"] = database.Options.ConnectionString,
            })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddDashboardStore(configuration, Path.GetTempPath())
            .AddDashboardAuth()
            .AddDashboardCli()
            .AddCliVerb<UserCreateVerb>()
            .BuildServiceProvider();
    }
}
