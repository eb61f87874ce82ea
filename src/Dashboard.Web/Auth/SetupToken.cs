using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Web.Auth;

/// <summary>
/// The one-time token that /setup asks for before it creates the first owner, so whoever reaches the port first cannot
/// claim the app. It is <c>Setup:Token</c> when configured (tests, scripted installs), otherwise random per process
/// and only in memory; the server prints it once at start while no account exists (<see cref="SetupTokenAnnouncement"/>).
/// </summary>
public sealed class SetupToken(IConfiguration configuration)
{
    public const string ConfigurationKey = "Setup:Token";

    private readonly Lazy<string> value = new(() =>
        configuration[ConfigurationKey] is { Length: > 0 } configured
            ? configured.Trim()
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public string Value => value.Value;

    /// <summary>Whether <paramref name="candidate"/> is the token (compared in constant time).</summary>
    public bool Matches(string? candidate) =>
        !string.IsNullOrWhiteSpace(candidate)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate.Trim()), Encoding.UTF8.GetBytes(Value));
}

/// <summary>Start-up step of the server (not of command-line runs): prints the set-up token while no account exists.</summary>
public sealed partial class SetupTokenAnnouncement(UserAccounts accounts, SetupToken token, ILogger<SetupTokenAnnouncement> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await accounts.AnyUsersAsync(cancellationToken))
        {
            LogToken(logger, AuthServiceCollectionExtensions.SetupPath, token.Value);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No account exists yet. Open {Path} and enter this one-time set-up token to create the owner: {Token}")]
    private static partial void LogToken(ILogger logger, string path, string token);
}
