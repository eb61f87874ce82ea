using System.Net.Http.Headers;
using Dashboard.Core.Exports;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Exports;

/// <summary>Sends a run's file to one delivery; throws with the reason when it cannot.</summary>
public sealed class ExportSenders(ExportFolder folder, SmtpSettingsStore smtp, IHttpClientFactory httpClients, IOptions<ExportOptions> options, TimeProvider time)
{
    public const string WebhookClient = "exports-webhook";

    public Task SendAsync(ExportDelivery delivery, ExportFile file, CancellationToken cancellationToken) => delivery.Type switch
    {
        DeliveryType.Folder => folder.WriteAsync(ExportFolder.NamedCopy(file.ExportName, file.Day), file.Content, cancellationToken),
        DeliveryType.Email => EmailAsync(delivery, file, cancellationToken),
        DeliveryType.Webhook => WebhookAsync(delivery, file, cancellationToken),
        _ => throw new InvalidOperationException($"Unknown delivery type {delivery.Type}."),
    };

    private async Task EmailAsync(ExportDelivery delivery, ExportFile file, CancellationToken cancellationToken)
    {
        var settings = (await smtp.GetAsync(cancellationToken)).Options;
        if (string.IsNullOrWhiteSpace(settings.Host) || string.IsNullOrWhiteSpace(settings.From))
        {
            throw new InvalidOperationException("Email is not set up: Email:Smtp:Host and Email:Smtp:From are required (Settings -> Email or configuration).");
        }

        var message = ExportEmail.Build(file, settings.From, delivery.To ?? []);
        using var client = new SmtpClient();
        var security = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private async Task WebhookAsync(ExportDelivery delivery, ExportFile file, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(file.Content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = file.FileName };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(delivery.Secret ?? string.Empty, timestamp, file.Content));
        request.Headers.Add("X-Dashboard-Export-Id", file.ExportId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Dashboard-Run-Id", file.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        using var response = await httpClients.CreateClient(WebhookClient).SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }
}
