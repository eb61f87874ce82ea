using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// customer.created / customer.updated re-read the customer in the pinned version and upsert it; customer.deleted
/// (or a customer Stripe now answers as deleted) marks it deleted: it keeps its history (docs/metrics.md).
/// </summary>
internal sealed class CustomerEventHandler(IStripeApi api, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["customer.created", "customer.updated", "customer.deleted"];

    public async Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken)
    {
        var id = stripeEvent.ObjectId!;
        var at = StripeTime.ToInstant(stripeEvent.Created);
        if (stripeEvent.Type == "customer.deleted")
        {
            await importer.MarkCustomerDeletedAsync(scope, id, at, cancellationToken);
            return;
        }

        var customer = await api.Client(scope.Connection).V1.Customers.GetAsync(id, null, null, cancellationToken);
        if (customer.Deleted == true)
        {
            await importer.MarkCustomerDeletedAsync(scope, id, at, cancellationToken);
            return;
        }

        await importer.ImportCustomersAsync(scope, [customer], cancellationToken);
    }
}
