namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>Where and as whom to call Stripe for one source. <see cref="ToString"/> never shows the key.</summary>
public sealed record StripeConnection(Uri ApiBase, string ApiKey)
{
    public override string ToString() => $"Stripe at {ApiBase}";
}
