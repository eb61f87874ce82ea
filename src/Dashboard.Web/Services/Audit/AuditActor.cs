using System.Globalization;
using System.Security.Claims;
using Dashboard.Web.Api.Keys;

namespace Dashboard.Web.Services.Audit;

/// <summary>Who did something and from where: a user, an API key, the command line or an anonymous visitor.</summary>
/// <param name="Name">A user's email, "api key NAME", "command line", or the email a failed sign-in tried.</param>
/// <param name="Id">The user id or API key id, when there is one.</param>
/// <param name="RemoteIp">The client address; null for the command line.</param>
public sealed record AuditActor(string Name, string? Id, string? RemoteIp)
{
    public static AuditActor CommandLine { get; } = new("command line", null, null);

    /// <summary>The actor a request's principal stands for: an API key (by its claims) or a signed-in user.</summary>
    public static AuditActor From(ClaimsPrincipal user, string? remoteIp)
    {
        if (ApiKeyAuthentication.KeyId(user) is { } keyId)
        {
            return new AuditActor("api key " + user.Identity?.Name, keyId, remoteIp);
        }

        if (user.Identity?.IsAuthenticated == true)
        {
            var name = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? "unknown user";
            return new AuditActor(name, user.FindFirstValue(ClaimTypes.NameIdentifier), remoteIp);
        }

        return new AuditActor("anonymous", null, remoteIp);
    }

    public static string? AddressOf(HttpContext? context) =>
        context?.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : null;

    public static string Source(long sourceId) => "source " + sourceId.ToString(CultureInfo.InvariantCulture);
}
