using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// price.* and plan.* (created, updated) re-read the price with its product, so the plan keeps the product's name;
/// product.updated re-reads the product's prices. Deleted prices stay: past subscriptions still refer to them.
/// </summary>
internal sealed class PriceEventHandler(IStripeClient client, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
        ["price.created", "price.updated", "plan.created", "plan.updated", "product.updated"];

    public async Task HandleAsync(StripeSyncScope scope, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        var id = stripeEvent.ObjectId!;
        if (stripeEvent.Type == "product.updated")
        {
            await foreach (var page in client.PagesAsync<StripePrice>(scope.Connection, StripeListRequest.PricesOf(id), cancellationToken))
            {
                await importer.ImportPricesAsync(scope, page, cancellationToken);
            }

            return;
        }

        var price = await client.GetAsync<StripePrice>(scope.Connection, $"v1/prices/{Uri.EscapeDataString(id)}", ["product"], cancellationToken);
        await importer.ImportPricesAsync(scope, [price], cancellationToken);
    }
}
