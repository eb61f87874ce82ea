using System.Security.Cryptography;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Auth;

/// <summary>How a sign-in attempt ended; <see cref="RetryAfter"/> is set when the client was throttled.</summary>
public sealed record SignInAttempt(bool Succeeded, TimeSpan? RetryAfter)
{
    public bool Throttled => RetryAfter is not null;
}

/// <summary>
/// Email and password sign-in for the UI. Every attempt that the client's throttle lets through costs one password-hash
/// verification, whether the account exists, is locked or not (an unknown email is checked against a dummy hash), and
/// all refusals read the same, so neither the answer nor its timing tells which accounts exist or are locked. A
/// throttled client is refused before any password is checked. Failures, lockouts and throttling are logged and
/// written to the audit log.
/// </summary>
public sealed partial class PasswordSignIn(
    SignInManager<IdentityUser> signIn, SignInThrottle throttle, DummyPasswordHash dummyHash, IAuditLog audit, ILogger<PasswordSignIn> logger)
{
    public const string Refused = "The email or password is wrong, or the account is locked for a while after too many failed attempts.";

    /// <summary>The throttled client's message, naming the wait in whole seconds (at least 1).</summary>
    public static string ThrottledMessage(TimeSpan wait) =>
        $"Too many failed sign-ins from your address. Wait {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds, then try again.";

    public async Task<SignInAttempt> SignInAsync(string email, string password, string? remoteIp, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        var client = remoteIp ?? "unknown";
        var actor = new AuditActor(email, null, remoteIp);
        var wait = throttle.RetryAfter(client);
        if (wait > TimeSpan.Zero)
        {
            LogThrottled(logger, client, email);
            await audit.RecordAsync(actor, AuditActions.SignInThrottled, email, cancellationToken);
            return new SignInAttempt(false, wait);
        }

        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // The same work as checking a real password, so an unknown email answers as slowly as a known one.
            dummyHash.Verify(users.PasswordHasher, password);
            return await FailAsync(actor, client, "no such account");
        }

        actor = actor with { Id = user.Id };
        if (await users.IsLockedOutAsync(user))
        {
            // Identity would refuse without hashing; hash anyway so a locked account answers like any other.
            dummyHash.Verify(users.PasswordHasher, password);
            return await FailAsync(actor, client, "account locked");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            throttle.RecordSuccess(client);
            await signIn.SignInAsync(user, isPersistent: true);
            LogSignedIn(logger, email, client);
            await audit.RecordAsync(actor, AuditActions.SignIn, email, cancellationToken);
            return new SignInAttempt(true, null);
        }

        if (result.IsLockedOut)
        {
            LogLockedOut(logger, email, client, SignInRules.LockoutDuration.TotalMinutes);
            await audit.RecordAsync(actor, AuditActions.SignInLockedOut, email, cancellationToken);
        }

        return await FailAsync(actor, client, result.IsLockedOut ? "wrong password; account now locked" : "wrong password");
    }

    private async Task<SignInAttempt> FailAsync(AuditActor actor, string client, string reason)
    {
        throttle.RecordFailure(client);
        LogFailed(logger, actor.Name, client, reason);
        await audit.RecordAsync(actor, AuditActions.SignInFailed, actor.Name);
        return new SignInAttempt(false, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in for {Email} from {Client}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string email, string client, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The account {Email} is locked for {Minutes} minutes after too many failed sign-ins (the last from {Client})")]
    private static partial void LogLockedOut(ILogger logger, string email, string client, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in from {Client} throttled (tried {Email})")]
    private static partial void LogThrottled(ILogger logger, string client, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Email} signed in from {Client}")]
    private static partial void LogSignedIn(ILogger logger, string email, string client);
}

/// <summary>
/// A hash of a random password, made once per process by the app's own hasher (same algorithm and work factor as real
/// accounts) and verified in place of a real hash when there is none to check. <see cref="Verifications"/> counts its uses.
/// </summary>
public sealed class DummyPasswordHash
{
    private static readonly IdentityUser Nobody = new() { Id = "dummy", UserName = "dummy" };
    private readonly Lock gate = new();
    private string? hash;
    private long verifications;

    public long Verifications => Interlocked.Read(ref verifications);

    public void Verify(IPasswordHasher<IdentityUser> hasher, string password)
    {
        lock (gate)
        {
            hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        }

        hasher.VerifyHashedPassword(Nobody, hash, password);
        Interlocked.Increment(ref verifications);
    }
}
