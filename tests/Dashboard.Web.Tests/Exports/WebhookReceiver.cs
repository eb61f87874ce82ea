using System.Collections.Concurrent;
using System.Net;
using Dashboard.Infrastructure.Exports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Exports;

/// <summary>
/// A webhook receiver on 127.0.0.1: <c>/ok</c> checks the signature with <see cref="Secret"/> (401 when it does not
/// match) and keeps the body; <c>/fail</c> always answers 500.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "receiver-secret-0123456789";

    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<(byte[] Body, string ContentType, bool SignatureValid)> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/ok", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var valid = WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader], body);
            receiver!.Received.Enqueue((body, request.ContentType ?? string.Empty, valid));
            return valid ? Results.Ok() : Results.Unauthorized();
        });
        app.MapPost("/fail", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver = new WebhookReceiver(app, new Uri(address));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
