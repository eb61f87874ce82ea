using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Auth;

/// <summary>
/// The first-run claim behind /setup: a throttled client is refused at once, a missing or wrong set-up token is refused
/// (and counts as a failure for the client's throttle), and only then is the first owner created. Every refusal and
/// the creation are logged and audited.
/// </summary>
public sealed partial class OwnerSetup(UserAccounts accounts, SetupToken token, SignInThrottle throttle, IAuditLog audit, ILogger<OwnerSetup> logger)
{
    public const string WrongToken =
        "The set-up token is missing or wrong. The server prints it in its console (log) when it starts without any account.";

    public async Task<(AccountResult Result, TimeSpan? RetryAfter)> CreateOwnerAsync(
        string email, string password, string? setupToken, string? remoteIp, CancellationToken cancellationToken = default)
    {
        var client = remoteIp ?? "unknown";
        var actor = new AuditActor(email.Trim(), null, remoteIp);
        var wait = throttle.RetryAfter(client);
        if (wait > TimeSpan.Zero)
        {
            await audit.RecordAsync(actor, AuditActions.SetupRefused, "throttled", cancellationToken);
            return (AccountResult.Fail(PasswordSignIn.ThrottledMessage(wait)), wait);
        }

        if (!token.Matches(setupToken))
        {
            throttle.RecordFailure(client);
            LogWrongToken(logger, client);
            await audit.RecordAsync(actor, AuditActions.SetupRefused, "wrong set-up token", cancellationToken);
            return (AccountResult.Fail(WrongToken), null);
        }

        var result = await accounts.CreateFirstOwnerAsync(email, password, cancellationToken);
        if (result.Succeeded)
        {
            throttle.RecordSuccess(client);
            await audit.RecordAsync(actor, AuditActions.Setup, email.Trim(), cancellationToken);
        }

        return (result, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Set-up refused for {Client}: the set-up token is missing or wrong")]
    private static partial void LogWrongToken(ILogger logger, string client);
}
