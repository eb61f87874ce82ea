using Dashboard.Testing;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Tests.Auth;

/// <summary>The per-client backoff on a clock the test moves.</summary>
public sealed class SignInThrottleTests
{
    private readonly FixedTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Three_failures_are_free_then_each_further_attempt_waits_twice_as_long_and_other_clients_are_unaffected()
    {
        var throttle = new SignInThrottle(clock);
        throttle.RecordFailure("10.0.0.1");
        throttle.RecordFailure("10.0.0.1");
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("10.0.0.1"));

        throttle.RecordFailure("10.0.0.1");
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.RetryAfter("10.0.0.1"));
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("10.0.0.2"));

        clock.Now += TimeSpan.FromMilliseconds(400);
        Assert.Equal(TimeSpan.FromMilliseconds(600), throttle.RetryAfter("10.0.0.1"));
        clock.Now += TimeSpan.FromMilliseconds(600);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("10.0.0.1"));

        throttle.RecordFailure("10.0.0.1");
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.RetryAfter("10.0.0.1"));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(12, 512)]
    [InlineData(13, 600)]
    [InlineData(1000, 600)]
    public void The_backoff_doubles_up_to_ten_minutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SignInThrottle.Backoff(failures));

    [Fact]
    public void A_success_clears_the_client_and_an_hour_of_quiet_forgets_it()
    {
        var throttle = new SignInThrottle(clock);
        Fail(throttle, "a", 5);
        Fail(throttle, "b", 5);
        Assert.True(throttle.RetryAfter("a") > TimeSpan.Zero);

        throttle.RecordSuccess("a");
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("a"));

        clock.Now += SignInRules.ClientMemory;
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("b"));
        throttle.RecordFailure("b");
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("b"));
        Assert.Equal(1, throttle.TrackedClients);
    }

    [Fact]
    public void The_table_of_clients_stays_bounded_dropping_the_longest_quiet_first()
    {
        var throttle = new SignInThrottle(clock);
        Fail(throttle, "first", 13);
        for (var i = 0; i < SignInThrottle.MaxClients; i++)
        {
            clock.Now += TimeSpan.FromMilliseconds(1);
            throttle.RecordFailure("client-" + i);
        }

        Fail(throttle, "late", 13);

        Assert.True(throttle.TrackedClients <= SignInThrottle.MaxClients);
        Assert.True(throttle.TrackedClients > SignInThrottle.MaxClients / 2);
        Assert.Equal(TimeSpan.Zero, throttle.RetryAfter("first"));
        Assert.Equal(SignInRules.MaxClientBackoff, throttle.RetryAfter("late"));
    }

    private static void Fail(SignInThrottle throttle, string client, int times)
    {
        for (var i = 0; i < times; i++)
        {
            throttle.RecordFailure(client);
        }
    }
}
