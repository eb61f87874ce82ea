namespace Dashboard.Infrastructure.Sources.Stripe;

/// <summary>A Stripe source's secrets: the restricted API key and, for webhooks, the endpoint's signing secret.</summary>
public sealed record StripeCredentials(string ApiKey, string? WebhookSecret)
{
    /// <summary>Never the secrets themselves.</summary>
    public override string ToString() => $"Stripe key {Mask(ApiKey)}{(WebhookSecret is null ? string.Empty : ", webhook secret set")}";

    private static string Mask(string key) => key.Length > 8 ? key[..8] + "…" : "…";
}
