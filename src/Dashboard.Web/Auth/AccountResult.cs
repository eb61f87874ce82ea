using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Auth;

/// <summary>The outcome of an account change: success, or the reasons it was refused (nothing was changed then).</summary>
public sealed record AccountResult(IReadOnlyList<string> Errors)
{
    public static AccountResult Ok { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static AccountResult Fail(params string[] errors) => new(errors);
}

/// <summary>A user as the Users page lists them.</summary>
public sealed record UserSummary(string Id, string Email, string Role, DateTimeOffset? LockedOutUntil);

/// <summary>
/// Who asks for an account change: only owners may create, promote, demote or remove owners. The command line acts
/// as an owner (whoever runs it controls the server).
/// </summary>
public sealed record AccountActor(string? UserId, bool IsOwner)
{
    public static AccountActor CommandLine { get; } = new(null, IsOwner: true);

    /// <summary>How the audit log names this actor (set by pages to the signed-in user and their address).</summary>
    public AuditActor Audit { get; init; } = UserId is null ? AuditActor.CommandLine : new AuditActor(UserId, UserId, null);
}
