using System.Net;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>A request Stripe refused; <see cref="IsTransient"/> ones (429, 5xx) are retried before this reaches a caller.</summary>
public sealed class StripeApiException(HttpStatusCode status, string message, TimeSpan? retryAfter = null)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The wait Stripe asked for in Retry-After, if any.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsTransient => Status == HttpStatusCode.TooManyRequests || (int)Status >= 500;
}
