namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>One page of a Stripe list: <see cref="HasMore"/> says whether a page follows the last item's id.</summary>
public sealed record StripeList<T>
{
    public List<T> Data { get; init; } = [];
    public bool HasMore { get; init; }
    public string? Url { get; init; }
}
