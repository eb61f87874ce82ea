using System.Net;
using Dashboard.Testing;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// The app on a real Kestrel socket (127.0.0.1, a free port) instead of the in-memory test server, for clients that
/// are not HttpClient-in-process: curl, or many concurrent connections. Comes with a write key.
/// </summary>
public sealed class KestrelApiServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    private KestrelApiServer(WebApplicationFactory<Program> factory, Uri address, string writeKey)
    {
        this.factory = factory;
        Address = address;
        WriteKey = writeKey;
    }

    /// <summary>http://127.0.0.1:port, without a trailing path.</summary>
    public Uri Address { get; }

    public string WriteKey { get; }

    public IServiceProvider Services => factory.Services;

    public static async Task<KestrelApiServer> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in ApiServer.Settings(database, settings))
            {
                builder.UseSetting(key, value);
            }
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var key = await factory.Services.GetRequiredService<ApiKeyService>().CreateAsync("kestrel", readOnly: false);
        return new KestrelApiServer(factory, new Uri(address), key.Secret);
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
