using System.Runtime.CompilerServices;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

public static class StripeClientExtensions
{
    /// <summary>Every page of a list from its start, one request at a time (one page in memory at a time).</summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(
        this IStripeClient client,
        StripeConnection connection,
        StripeListRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : IStripeObject
    {
        string? cursor = null;
        while (true)
        {
            var page = await client.ListPageAsync<T>(connection, request, cursor, cancellationToken);
            yield return page.Data;
            if (!page.HasMore || page.Data.Count == 0)
            {
                yield break;
            }

            cursor = page.Data[^1].Id;
        }
    }
}
