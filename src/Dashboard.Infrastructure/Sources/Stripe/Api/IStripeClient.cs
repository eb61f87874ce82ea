namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>Stripe's REST API, read side: one page of a list at a time, or one object.</summary>
public interface IStripeClient
{
    /// <summary>
    /// The page after <paramref name="startingAfter"/> (the first page when null), or, with <paramref name="endingBefore"/>,
    /// the page of objects listed just before that one (newer, for lists ordered newest first).
    /// </summary>
    Task<StripeList<T>> ListPageAsync<T>(
        StripeConnection connection,
        StripeListRequest request,
        string? startingAfter,
        CancellationToken cancellationToken,
        string? endingBefore = null);

    /// <summary>One object, e.g. "v1/subscriptions/sub_123", with optional expansions.</summary>
    Task<T> GetAsync<T>(
        StripeConnection connection, string path, IReadOnlyList<string>? expand, CancellationToken cancellationToken);
}
