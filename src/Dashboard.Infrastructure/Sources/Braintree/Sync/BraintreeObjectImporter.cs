using System.Xml.Linq;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Sources.Braintree.Api;
using Dashboard.Infrastructure.Sources.Braintree.Mapping;
using Dashboard.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Sources.Braintree.Sync;

/// <summary>
/// Parses, maps and writes Braintree objects: used page by page by the sync and object by object by notifications, so
/// both paths give the same rows. An object that cannot be read or stored is recorded as a sync error; the rest go on.
/// </summary>
public sealed class BraintreeObjectImporter(IBraintreeClient client, SourceStoreWriter writer, IDbContextFactory<DashboardDbContext> contextFactory)
{
    public const string Plans = "plans";
    public const string Customers = "customers";
    public const string Subscriptions = "subscriptions";
    public const string Transactions = "transactions";

    public async Task ImportPlansAsync(BraintreeSyncScope scope, CancellationToken cancellationToken)
    {
        var pending = new List<PendingObject>();
        foreach (var plan in scope.Catalog.Plans.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            try
            {
                pending.Add(new PendingObject(Plans, plan.Id, [BraintreeCatalogMapper.Plan(plan, scope.Catalog.DefaultCurrency)]));
            }
            catch (InvalidOperationException e)
            {
                await writer.RecordErrorAsync(scope, Plans, plan.Id, e.Message, cancellationToken);
            }
        }

        await writer.WriteAsync(scope, pending, cancellationToken);
    }

    public async Task ImportCustomersAsync(BraintreeSyncScope scope, IReadOnlyList<XElement> elements, CancellationToken cancellationToken)
    {
        var customers = await ParseAsync(scope, Customers, elements, BraintreeParser.Customer, cancellationToken);
        await writer.WriteAsync(scope, customers.Select(c => new PendingObject(Customers, c.Id, [BraintreeCatalogMapper.Customer(c)])).ToList(), cancellationToken);
        await writer.WriteAsync(scope, customers.Where(c => c.CustomFields.Count > 0)
            .Select(c => new PendingObject("customer_attributes", c.Id, BraintreeCatalogMapper.Attributes(c))).ToList(), cancellationToken);
    }

    /// <summary>
    /// Subscriptions with their history; the plan variants their prices need are written first. With
    /// <paramref name="withTransactions"/> the transactions listed in each subscription are imported too (notifications).
    /// </summary>
    public async Task ImportSubscriptionsAsync(BraintreeSyncScope scope, IReadOnlyList<XElement> elements, bool withTransactions, CancellationToken cancellationToken)
    {
        var subscriptions = await ParseAsync(scope, Subscriptions, elements, BraintreeParser.Subscription, cancellationToken);
        var owners = await StoredOwnersAsync(scope.SourceId, subscriptions.Select(s => s.Id).ToList(), cancellationToken);
        var plans = new Dictionary<string, PlanImport>(StringComparer.Ordinal);
        var pending = new List<PendingObject>();
        foreach (var subscription in subscriptions)
        {
            try
            {
                var customer = subscription.Transactions.Select(t => t.CustomerId).FirstOrDefault(c => c is not null)
                    ?? owners.GetValueOrDefault(subscription.Id)
                    ?? (subscription.PaymentMethodToken is { } token ? await client.PaymentMethodCustomerAsync(scope.Connection, token, cancellationToken) : null)
                    ?? throw new InvalidOperationException($"Subscription {subscription.Id}: its payment method names no customer.");
                var currency = scope.Catalog.CurrencyOf(subscription.MerchantAccountId);
                var mapped = BraintreeSubscriptionMapper.Map(subscription, customer, scope.Catalog.Plan(subscription.PlanId), scope.Catalog.Plan, currency, scope.Catalog.DefaultCurrency);
                if (mapped is null)
                {
                    // Canceled before it began: nothing to store, and a pending one stored by an earlier sync goes.
                    pending.Add(new PendingObject(Subscriptions, subscription.Id, [new Deletion { Oid = subscription.Id, Target = ImportObjectKind.Subscription }]));
                    continue;
                }

                foreach (var plan in mapped.Plans)
                {
                    plans[plan.Oid!] = plan;
                }

                pending.Add(new PendingObject(Subscriptions, subscription.Id, mapped.Operations));
            }
            catch (InvalidOperationException e)
            {
                await writer.RecordErrorAsync(scope, Subscriptions, subscription.Id, e.Message, cancellationToken);
            }
        }

        await writer.WriteAsync(scope, plans.Values.Select(p => new PendingObject(Plans, p.Oid!, [p])).ToList(), cancellationToken);
        if (withTransactions)
        {
            // A notification can name a subscription of a customer created since the last sync.
            await EnsureCustomersAsync(scope, pending.SelectMany(p => p.Operations).OfType<SubscriptionImport>().Select(s => s.CustomerOid!), cancellationToken);
        }

        await writer.WriteAsync(scope, pending, cancellationToken);
        if (withTransactions)
        {
            await ImportTransactionsAsync(scope, subscriptions.SelectMany(s => s.Transactions).ToList(), cancellationToken);
        }
    }

    public async Task ImportTransactionsAsync(BraintreeSyncScope scope, IReadOnlyList<XElement> elements, CancellationToken cancellationToken) =>
        await ImportTransactionsAsync(scope, await ParseAsync(scope, Transactions, elements, BraintreeParser.Transaction, cancellationToken), cancellationToken);

    /// <summary>Charges first, then refunds (credits and lost disputes), so a refund finds its sale in the same page.</summary>
    public async Task ImportTransactionsAsync(BraintreeSyncScope scope, IReadOnlyList<BraintreeTransaction> transactions, CancellationToken cancellationToken)
    {
        var charges = new List<PendingObject>();
        var refunds = new List<PendingObject>();
        foreach (var transaction in transactions)
        {
            try
            {
                var mapped = BraintreePaymentMapper.Map(transaction, scope.Catalog.CurrencyOf);
                charges.Add(new PendingObject(Transactions, transaction.Id, mapped.Charges));
                refunds.Add(new PendingObject(Transactions, transaction.Id, mapped.Refunds));
            }
            catch (InvalidOperationException e)
            {
                await writer.RecordErrorAsync(scope, Transactions, transaction.Id, e.Message, cancellationToken);
            }
        }

        await writer.WriteAsync(scope, charges, cancellationToken);
        await writer.WriteAsync(scope, refunds, cancellationToken);
    }

    /// <summary>Fetches and imports the customers among <paramref name="ids"/> the store does not have yet.</summary>
    public async Task EnsureCustomersAsync(BraintreeSyncScope scope, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        List<string> known;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            known = await db.Customers.AsNoTracking().Where(c => c.SourceId == scope.SourceId && wanted.Contains(c.ExternalId))
                .Select(c => c.ExternalId).ToListAsync(cancellationToken);
        }

        var found = new List<XElement>();
        foreach (var id in wanted.Except(known, StringComparer.Ordinal))
        {
            if (await client.FindAsync(scope.Connection, BraintreeSearchKind.Customers, id, cancellationToken) is { } customer)
            {
                found.Add(customer);
            }
        }

        if (found.Count > 0)
        {
            await ImportCustomersAsync(scope, found, cancellationToken);
        }
    }

    /// <summary>Reads each element on its own: one that does not parse is recorded (its message names the element) and skipped.</summary>
    private async Task<List<T>> ParseAsync<T>(BraintreeSyncScope scope, string kind, IReadOnlyList<XElement> elements, Func<XElement, T> parse, CancellationToken cancellationToken)
    {
        var parsed = new List<T>(elements.Count);
        foreach (var element in elements)
        {
            try
            {
                parsed.Add(parse(element));
            }
            catch (BraintreeXmlException e)
            {
                await writer.RecordErrorAsync(scope, kind, element.Text("id") ?? "(no id)", e.Message, cancellationToken);
            }
        }

        return parsed;
    }

    /// <summary>The customers of subscriptions already stored, so re-fetched ones need no payment method lookup.</summary>
    private async Task<Dictionary<string, string>> StoredOwnersAsync(long sourceId, List<string> ids, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Subscriptions.AsNoTracking()
            .Where(s => s.SourceId == sourceId && ids.Contains(s.ExternalId))
            .Join(db.Customers, s => s.CustomerId, c => c.Id, (s, c) => new { s.ExternalId, Customer = c.ExternalId })
            .ToDictionaryAsync(x => x.ExternalId, x => x.Customer, StringComparer.Ordinal, cancellationToken);
    }
}
