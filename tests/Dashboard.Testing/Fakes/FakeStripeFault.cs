namespace Dashboard.Testing.Fakes;

public enum FakeStripeFaultKind
{
    /// <summary>429 with a Retry-After header.</summary>
    TooManyRequests,

    /// <summary>500 with Stripe's error body.</summary>
    ServerError,

    /// <summary>The connection is closed without an answer.</summary>
    DropConnection,

    /// <summary>
    /// 409 <c>lock_timeout</c>: the object is being changed by another request. Stripe.net retries a 409, and Stripe
    /// marks a lock timeout <c>Stripe-Should-Retry: true</c> (set <see cref="FakeStripeFault.ShouldRetry"/> to send it).
    /// </summary>
    LockTimeout,
}

/// <summary>
/// A failure the fake answers with on a request to <see cref="PathPrefix"/>, after <see cref="Skip"/> good ones.
/// <see cref="ShouldRetry"/>, when set, is sent as Stripe's <c>Stripe-Should-Retry</c> header (<c>true</c> or <c>false</c>),
/// which overrides what the status alone would say.
/// </summary>
public sealed record FakeStripeFault(string PathPrefix, FakeStripeFaultKind Kind, int Skip = 0, int Times = 1, int RetryAfterSeconds = 1,
    bool? ShouldRetry = null);
