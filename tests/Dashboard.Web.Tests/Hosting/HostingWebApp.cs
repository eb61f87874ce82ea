using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The whole app (environment "Production", as the README's run command starts it) over a fresh SQLite store with
/// <paramref name="settings"/>, one owner account, and a path (<see cref="ThrowingPath"/>) that fails inside the
/// pipeline the way a bug would.
/// </summary>
public sealed class HostingWebApp : IAsyncDisposable
{
    public const string ThrowingPath = "/test-only/throws";
    public const string SecretDetail = "secret-detail-of-the-failure";
    public const string OwnerEmail = "owner@example.com";
    public const string OwnerPassword = "Owner-pass-1";

    private readonly WebApplicationFactory<Program> factory;

    private HostingWebApp(TestDatabase database, WebApplicationFactory<Program> factory)
    {
        Database = database;
        this.factory = factory;
    }

    public TestDatabase Database { get; }

    public IServiceProvider Services => factory.Services;

    public TestServer Server => factory.Server;

    public static async Task<HostingWebApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in ApiServer.Settings(database, settings))
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ThrowingEndpoint>());
        });
        var app = new HostingWebApp(database, factory);
        var owner = await app.Services.GetRequiredService<UserAccounts>().CreateAsync(OwnerEmail, OwnerPassword, DashboardRoles.Owner, AccountActor.CommandLine);
        Assert.True(owner.Succeeded, string.Join(" ", owner.Errors));
        return app;
    }

    /// <summary>A client keeping cookies, not following redirects, sending <paramref name="headers"/> on every request.</summary>
    public HttpClient Browser(string baseAddress = "http://localhost", IReadOnlyDictionary<string, string>? headers = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress),
        });
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Answers <see cref="ThrowingPath"/> (which no endpoint matches) by throwing, behind the app's own middleware.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, inner) => context.Request.Path == ThrowingPath
                ? throw new InvalidOperationException(SecretDetail)
                : inner(context));
        };
    }
}
