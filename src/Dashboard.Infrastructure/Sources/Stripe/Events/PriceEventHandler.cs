using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// price.* and plan.* (created, updated) re-read the price with its product, so the plan keeps the product's name;
/// product.updated re-reads the product's prices. Deleted prices stay: past subscriptions still refer to them.
/// </summary>
internal sealed class PriceEventHandler(IStripeApi api, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } =
        ["price.created", "price.updated", "plan.created", "plan.updated", "product.updated"];

    public async Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken)
    {
        var id = stripeEvent.ObjectId!;
        var stripe = api.Client(scope.Connection);
        if (stripeEvent.Type == "product.updated")
        {
            var prices = new List<Sdk.Price>();
            await foreach (var price in stripe.V1.Prices.ListAutoPagingAsync(
                               new Sdk.PriceListOptions { Product = id, Expand = ["data.product"] }, null, cancellationToken))
            {
                prices.Add(price);
            }

            await importer.ImportPricesAsync(scope, prices, cancellationToken);
            return;
        }

        var single = await stripe.V1.Prices.GetAsync(id, new Sdk.PriceGetOptions { Expand = ["product"] }, null, cancellationToken);
        await importer.ImportPricesAsync(scope, [single], cancellationToken);
    }
}
