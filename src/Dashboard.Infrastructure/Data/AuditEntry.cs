namespace Dashboard.Infrastructure.Data;

/// <summary>
/// One line of the audit log: who (<see cref="Actor"/>) did what (<see cref="Action"/>) to what (<see cref="Target"/>),
/// when (UTC) and from where (<see cref="RemoteIp"/>). Entries are only ever added.
/// </summary>
public sealed class AuditEntry
{
    public const int ActorLength = 256;
    public const int ActionLength = 64;
    public const int TargetLength = 512;
    public const int RemoteIpLength = 64;

    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>A dotted name such as "signin.failed" or "user.created" (see AuditActions in the web project).</summary>
    public required string Action { get; set; }

    /// <summary>The user's email, "api key NAME", "command line" or, for a failed sign-in, the email that was tried.</summary>
    public required string Actor { get; set; }

    /// <summary>The user id or API key id behind <see cref="Actor"/>, when there is one.</summary>
    public string? ActorId { get; set; }

    /// <summary>What was acted on, in words: an email, "source 3", a setting key, a file name.</summary>
    public string? Target { get; set; }

    /// <summary>The client address the request came from; null for the command line and background work.</summary>
    public string? RemoteIp { get; set; }
}
