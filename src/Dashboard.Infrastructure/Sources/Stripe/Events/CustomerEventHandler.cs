using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// customer.created / customer.updated re-read the customer in the pinned version and upsert it; customer.deleted
/// marks it deleted at the event's <c>created</c> (Stripe's deleted customer carries no date), and a customer Stripe
/// now answers as deleted is marked at the event's time unless a deletion time is already stored: it keeps its
/// history (docs/metrics.md).
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
            // The event's time is the deletion's: it replaces one inferred from the customer's objects.
            await importer.MarkCustomerDeletedAsync(scope, id, at, cancellationToken, exact: true);
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
