namespace Dashboard.Testing.Fakes.Braintree;

public enum FakeBraintreeFaultKind
{
    /// <summary>429 with a Retry-After header.</summary>
    TooManyRequests,

    /// <summary>503 Service Unavailable (Braintree's down-for-maintenance answer).</summary>
    ServiceUnavailable,

    /// <summary>200 with XML cut off mid-element.</summary>
    MalformedXml,
}

/// <summary>A failure the fake answers with on a request whose path (after the merchant) starts with <see cref="PathPrefix"/>, after <see cref="Skip"/> good ones.</summary>
public sealed record FakeBraintreeFault(string PathPrefix, FakeBraintreeFaultKind Kind, int Skip = 0, int Times = 1, int RetryAfterSeconds = 1);
