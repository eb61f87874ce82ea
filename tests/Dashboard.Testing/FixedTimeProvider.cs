namespace Dashboard.Testing;

/// <summary>A clock stopped at a chosen instant (UTC), for tests of anything that asks "what is today".</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
