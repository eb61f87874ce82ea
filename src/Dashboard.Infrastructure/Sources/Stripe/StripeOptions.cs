using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Sources.Stripe;

/// <summary>Settings of the Stripe connector (configuration section "Stripe").</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>The API base used when a source names none; tests point sources at a local fake instead.</summary>
    public Uri DefaultApiBase { get; set; } = new("https://api.stripe.com/");

    /// <summary>The pinned API version (Stripe-Version): the one Stripe.net's models are written for.</summary>
    public static string ApiVersion => global::Stripe.StripeConfiguration.ApiVersion;

    /// <summary>Objects per list page (Stripe allows 1 to 100; checked at startup by <see cref="StripeOptionsValidator"/>).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Retries of a request that met a 429, a 5xx or a network failure, before the sync gives up.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>First back-off delay when the response names no Retry-After; doubles on each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two attempts, whatever Retry-After asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for one attempt (request and response body).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long Stripe keeps events: an events cursor older than this forces a full re-scan.</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Largest accepted age of a webhook signature's timestamp.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Subscriptions reconstructed at once (each reads its invoices).</summary>
    public int SubscriptionConcurrency { get; set; } = 4;

    /// <summary>
    /// Objects the full import gathers from consecutive pages before writing them in one importer transaction and
    /// moving the checkpoint: fewer, larger transactions, while memory stays bounded by this number.
    /// </summary>
    public int WriteBatchSize { get; set; } = 1000;

    /// <summary>
    /// Most invoices the full import's invoice index holds at once (trimmed, about 1.8 KB each, some 18 MiB at the
    /// default). The index reads the invoice list along the subscriptions pass and lets go of each subscription's
    /// invoices once used, so it usually holds one or two write groups'; subscriptions it cannot cover within this
    /// number read their own invoices. 0 turns it off.
    /// </summary>
    public int InvoiceIndexLimit { get; set; } = 10_000;
}

/// <summary>
/// Refuses settings every real Stripe request would fail with: a <see cref="StripeOptions.PageSize"/> outside Stripe's
/// <c>limit</c> range (1 to 100) would make every list answer 400. Registered with ValidateOnStart, so the app stops
/// at startup naming the setting instead of failing each sync.
/// </summary>
public sealed class StripeOptionsValidator : IValidateOptions<StripeOptions>
{
    public const int MaxPageSize = 100;

    public ValidateOptionsResult Validate(string? name, StripeOptions options) =>
        options.PageSize is < 1 or > MaxPageSize
            ? ValidateOptionsResult.Fail(
                $"{StripeOptions.SectionName}:{nameof(StripeOptions.PageSize)} is {options.PageSize}; Stripe lists take a limit from 1 to {MaxPageSize}.")
            : ValidateOptionsResult.Success;
}
