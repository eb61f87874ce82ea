using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Auth;

/// <summary>The set-up token: random unless configured, printed at start only while no account exists.</summary>
public sealed class SetupTokenTests
{
    [Fact]
    public void Without_configuration_the_token_is_random_per_process_and_stays_the_same_within_it()
    {
        var empty = new ConfigurationBuilder().Build();
        var one = new SetupToken(empty);
        var other = new SetupToken(empty);

        Assert.Equal(32, one.Value.Length);
        Assert.Equal(one.Value, one.Value);
        Assert.NotEqual(one.Value, other.Value);
        Assert.True(one.Matches(one.Value));
        Assert.False(one.Matches(other.Value));
        Assert.False(one.Matches(string.Empty));
    }

    [Fact]
    public async Task The_server_prints_the_token_once_at_start_while_no_account_exists_and_not_after()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = AccountServices.Build(database);
        var accounts = services.GetRequiredService<UserAccounts>();
        var token = new SetupToken(new ConfigurationBuilder().Build());

        var before = new ListLogger();
        await new SetupTokenAnnouncement(accounts, token, before).StartAsync(default);
        await accounts.CreateAsync("owner@example.com", "Sturdy-pass-1", DashboardRoles.Owner, AccountActor.CommandLine);
        var after = new ListLogger();
        await new SetupTokenAnnouncement(accounts, token, after).StartAsync(default);

        var message = Assert.Single(before.Messages);
        Assert.Contains("Open /setup and enter this one-time set-up token", message, StringComparison.Ordinal);
        Assert.EndsWith(token.Value, message, StringComparison.Ordinal);
        Assert.Empty(after.Messages);
    }

    private sealed class ListLogger : ILogger<SetupTokenAnnouncement>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
