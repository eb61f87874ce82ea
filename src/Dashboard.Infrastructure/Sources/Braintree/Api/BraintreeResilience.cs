using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Dashboard.Infrastructure.Sources.Braintree.Api;

/// <summary>
/// Retry around each gateway request, in the house style of the Stripe connector: 429 and 5xx answers, network
/// failures and attempt timeouts are retried with exponential back-off and jitter, or after the Retry-After sent.
/// </summary>
public sealed class BraintreeResilience
{
    public BraintreeResilience(IOptions<BraintreeOptions> options, TimeProvider timeProvider, ILogger<BraintreeResilience> logger)
    {
        var settings = options.Value;
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is BraintreeApiException { RetryAfter: { } wait }
                        ? (TimeSpan?)Clamp(wait, settings.MaxRetryDelay)
                        : null),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Braintree request failed ({Reason}); attempt {Attempt} of {Max} in {Delay}",
                        args.Outcome.Exception?.Message, args.AttemptNumber + 2, settings.MaxRetries + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    internal static bool IsTransient(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        BraintreeApiException api => api.IsTransient,
        HttpRequestException or IOException or TimeoutRejectedException => true,
        BraintreeXmlException { InnerException: XmlException { InnerException: IOException } } => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}
