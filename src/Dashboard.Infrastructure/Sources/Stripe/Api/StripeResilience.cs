using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>
/// Retry around each HTTP attempt Stripe.net makes through our HttpClient: 429 and 5xx answers, answers that carry
/// <c>Stripe-Should-Retry: true</c>, network failures and attempt timeouts are retried with exponential back-off and
/// jitter, or after the Retry-After Stripe sent; <c>Stripe-Should-Retry: false</c> is never retried. The SDK's own
/// retries are off, so there is one retry policy.
/// </summary>
public sealed class StripeResilience
{
    public StripeResilience(IOptions<StripeOptions> options, TimeProvider timeProvider, ILogger<StripeResilience> logger)
    {
        var settings = options.Value;
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? ShouldRetry(response) : IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(
                    RetryAfter(args.Outcome.Result, timeProvider.GetUtcNow()) is { } wait ? (TimeSpan?)Clamp(wait, settings.MaxRetryDelay) : null),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Stripe request failed ({Reason}); attempt {Attempt} of {Max} in {Delay}",
                        args.Outcome.Exception?.Message ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}",
                        args.AttemptNumber + 2, settings.MaxRetries + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>
    /// Stripe's own word first, as Stripe.net reads it: <c>Stripe-Should-Retry: true</c> retries and <c>false</c> never
    /// does, whatever the status (a 500 marked false stays failed); any other value is ignored. Then 409 (a lock
    /// timeout or a concurrent change), 429 and 5xx are retried.
    /// </summary>
    internal static bool ShouldRetry(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Stripe-Should-Retry", out var values))
        {
            switch (values.FirstOrDefault()?.Trim().ToLowerInvariant())
            {
                case "true":
                    return true;
                case "false":
                    return false;
            }
        }

        return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict || (int)response.StatusCode >= 500;
    }

    /// <summary>Whether an error that reached a caller was a passing one (so the sync fails and runs again later).</summary>
    internal static bool IsTransient(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        Sdk.StripeException { HttpStatusCode: var status } stripe when status != 0 =>
            status is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict || (int)status >= 500 || IsTransient(stripe.InnerException, cancellationToken),
        Sdk.StripeException stripe => IsTransient(stripe.InnerException, cancellationToken),
        HttpRequestException or IOException or TimeoutRejectedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
}

/// <summary>The handler of the HttpClient Stripe.net is given: each request runs inside <see cref="StripeResilience"/>.</summary>
public sealed class StripeRetryHandler(StripeResilience resilience) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await resilience.Pipeline.ExecuteAsync(
            static async (state, token) => await state.Handler.SendOnceAsync(state.Request, token),
            (Handler: this, Request: request),
            cancellationToken);

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
