namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>Where and as whom to call Stripe for one source. <see cref="ToString"/> never shows the key.</summary>
public sealed record StripeConnection(Uri ApiBase, string ApiKey)
{
    /// <summary>A test-mode key (sk_test_, rk_test_): only these may read test clocks and their objects.</summary>
    public bool IsTestMode => ApiKey.StartsWith("sk_test_", StringComparison.Ordinal) || ApiKey.StartsWith("rk_test_", StringComparison.Ordinal);

    public override string ToString() => $"Stripe at {ApiBase}";
}
