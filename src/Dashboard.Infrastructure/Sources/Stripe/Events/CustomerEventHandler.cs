using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>customer.created / customer.updated upsert the customer as the event shows it; customer.deleted removes it.</summary>
internal sealed class CustomerEventHandler(StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["customer.created", "customer.updated", "customer.deleted"];

    public Task HandleAsync(StripeSyncScope scope, StripeEvent stripeEvent, CancellationToken cancellationToken) =>
        stripeEvent.Type == "customer.deleted"
            ? importer.DeleteCustomerAsync(scope, stripeEvent.ObjectId!, cancellationToken)
            : importer.ImportCustomersAsync(scope, [stripeEvent.ObjectAs<StripeCustomer>()], cancellationToken);
}
