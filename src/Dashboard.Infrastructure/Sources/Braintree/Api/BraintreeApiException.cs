using System.Net;

namespace Dashboard.Infrastructure.Sources.Braintree.Api;

/// <summary>A gateway answer other than success: 429 and 5xx are transient (retried), the others fail at once.</summary>
public sealed class BraintreeApiException(HttpStatusCode status, string message, TimeSpan? retryAfter) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsTransient => Status == HttpStatusCode.TooManyRequests || (int)Status >= 500;
}

/// <summary>The gateway answered XML the connector cannot read; the message names the element.</summary>
public sealed class BraintreeXmlException(string message, Exception? inner = null) : Exception(message, inner);
