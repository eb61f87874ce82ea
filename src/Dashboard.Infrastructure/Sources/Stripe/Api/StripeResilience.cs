using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>
/// Retry around each Stripe request: 429 and 5xx answers, network failures (refused or dropped connections, a body cut
/// short) and attempt timeouts are retried with exponential back-off and jitter, or after the Retry-After Stripe sent.
/// </summary>
public sealed class StripeResilience
{
    public StripeResilience(IOptions<StripeOptions> options, TimeProvider timeProvider, ILogger<StripeResilience> logger)
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
                    args.Outcome.Exception is StripeApiException { RetryAfter: { } wait }
                        ? (TimeSpan?)Clamp(wait, settings.MaxRetryDelay)
                        : null),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Stripe request failed ({Reason}); attempt {Attempt} of {Max} in {Delay}",
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
        StripeApiException api => api.IsTransient,
        HttpRequestException or IOException or TimeoutRejectedException => true,
        JsonException { InnerException: IOException } => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}
