namespace Dashboard.Testing.Fakes;

public enum FakeStripeFaultKind
{
    /// <summary>429 with a Retry-After header.</summary>
    TooManyRequests,

    /// <summary>500 with Stripe's error body.</summary>
    ServerError,

    /// <summary>The connection is closed without an answer.</summary>
    DropConnection,
}

/// <summary>A failure the fake answers with on a request to <see cref="PathPrefix"/>, after <see cref="Skip"/> good ones.</summary>
public sealed record FakeStripeFault(string PathPrefix, FakeStripeFaultKind Kind, int Skip = 0, int Times = 1, int RetryAfterSeconds = 1);
