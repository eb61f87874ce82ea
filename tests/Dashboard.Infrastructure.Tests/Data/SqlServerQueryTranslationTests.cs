using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Data;

/// <summary>
/// No SQL Server runs in CI, so every query shape the app sends to the store is translated for SQL Server here
/// (ToQueryString needs no server): a query EF cannot translate for SQL Server, or translates with another provider's
/// syntax, fails. Each entry names where the app runs that query; keep the list in step when adding a query.
/// </summary>
public sealed class SqlServerQueryTranslationTests
{
    private static readonly long[] Ids = [1, 2, 3];
    private static readonly List<string> Oids = ["cus_1", "cus_2"];

    /// <summary>The queries, by the place in the app that runs them.</summary>
    public static readonly IReadOnlyList<(string Where, Func<DashboardDbContext, IQueryable> Query)> Queries =
    [
        // Metrics/TimelineLoader: the engine loads the store (whole, or a chunk of customers).
        ("TimelineLoader customers", db => db.Customers.AsNoTracking().Where(c => Ids.Contains(c.Id))
            .Select(c => new { c.Id, c.SourceId, c.ExternalId, c.Name, c.Email, c.Country, c.Currency })),
        ("TimelineLoader attributes", db => db.CustomerAttributes.AsNoTracking().Where(a => Ids.Contains(a.CustomerId))
            .Select(a => new { a.CustomerId, a.FieldId, a.Value })),
        ("TimelineLoader subscriptions", db => db.Subscriptions.AsNoTracking().Where(s => Ids.Contains(s.CustomerId))
            .Select(s => new { s.Id, s.CustomerId, s.ExternalId, s.StartedAt, s.TrialEnd, s.CanceledAt, s.CancelRequestedAt })),
        ("TimelineLoader states", db => db.SubscriptionStates.AsNoTracking()
            .Where(st => db.Subscriptions.Any(s => s.Id == st.SubscriptionId && Ids.Contains(s.CustomerId)))
            .Select(st => new { st.Id, st.SubscriptionId, st.EffectiveFrom, st.PlanId, st.Quantity, st.DiscountMinor, st.Status })),
        ("TimelineLoader add-ons", db => db.SubscriptionAddOns.AsNoTracking()
            .Where(a => db.SubscriptionStates.Any(st => st.Id == a.SubscriptionStateId
                && db.Subscriptions.Any(s => s.Id == st.SubscriptionId && Ids.Contains(s.CustomerId))))
            .Select(a => new { a.SubscriptionStateId, a.AmountMinor, a.Quantity })),
        ("TimelineLoader charges", db => db.Charges.AsNoTracking().Where(c => Ids.Contains(c.CustomerId))
            .Select(c => new { c.CustomerId, c.AmountMinor, c.FeeMinor, c.Currency, c.CreatedAt, c.Status, c.Kind })),
        ("TimelineLoader refunds", db =>
            from r in db.Refunds.AsNoTracking()
            join c in db.Charges on r.ChargeId equals c.Id
            where Ids.Contains(c.CustomerId)
            select new { c.CustomerId, r.AmountMinor, r.Currency, r.CreatedAt }),
        ("TimelineLoader fx rates", db => db.FxRates.AsNoTracking()),

        // Import/Batches/BatchSnapshot: what a batch reads before it writes.
        ("BatchSnapshot subscriptions with states", db => db.Subscriptions.Where(s => s.SourceId == 1 && Oids.Contains(s.ExternalId))
            .Include(s => s.States).ThenInclude(s => s.AddOns).AsSplitQuery()),
        ("BatchSnapshot customers", db => db.Customers.AsNoTracking().Where(c => c.SourceId == 1 && Oids.Contains(c.ExternalId))),
        ("BatchSnapshot refunds of charges", db => db.Refunds.AsNoTracking().Where(r => Ids.Contains(r.ChargeId))
            .Select(r => new { r.ChargeId, r.ExternalId, r.AmountMinor })),
        ("BatchSnapshot plan uses", db => db.SubscriptionStates.AsNoTracking().Where(s => Ids.Contains(s.PlanId))
            .Join(db.Subscriptions, s => s.SubscriptionId, s => s.Id, (state, subscription) =>
                new { state.PlanId, subscription.ExternalId, subscription.CustomerId })),
        ("BatchSnapshot cancellation events", db => db.CancellationEvents
            .Where(e => e.FeedbackSourceId == 1 && Oids.Contains(e.SubscriptionExternalIds!))),

        // Sources/Stripe/Sync/StripeObjectImporter: the latest state of each synced subscription.
        ("StripeObjectImporter latest states", db => db.Subscriptions.AsNoTracking()
            .Where(s => s.SourceId == 1 && Oids.Contains(s.ExternalId))
            .Select(s => new
            {
                s.ExternalId,
                State = s.States.OrderByDescending(x => x.EffectiveFrom)
                    .Select(x => new { x.EffectiveFrom, x.Quantity, Plan = db.Plans.Where(p => p.Id == x.PlanId).Select(p => p.ExternalId).First() })
                    .FirstOrDefault(),
            })),

        // The API's compiled queries (Api/Customers/CustomerReads, Api/Charges/ChargeReads, Api/Infrastructure/SourceRoute).
        ("CustomerReads.CustomerByOid", db => db.Customers.AsNoTracking().Where(c => c.SourceId == 1 && c.ExternalId == "cus_1").Take(1)),
        ("CustomerReads.AttributesOf", db =>
            from a in db.CustomerAttributes.AsNoTracking()
            join f in db.AttributeFields.AsNoTracking() on a.FieldId equals f.Id
            where a.CustomerId == 1
            select new { f.Key, a.Value }),
        ("ChargeReads.ChargeByOid", db =>
            (from charge in db.Charges.AsNoTracking()
             where charge.SourceId == 1 && charge.ExternalId == "ch_1"
             join customer in db.Customers.AsNoTracking() on charge.CustomerId equals customer.Id
             join subscription in db.Subscriptions.AsNoTracking() on charge.SubscriptionId equals subscription.Id into subscriptions
             from subscription in subscriptions.DefaultIfEmpty()
             select new { charge, CustomerOid = customer.ExternalId, SubscriptionOid = subscription == null ? null : subscription.ExternalId })
            .Take(1)),
        ("ChargeReads.RefundedTotal", db => db.Refunds.Where(r => r.ChargeId == 1).GroupBy(_ => 1).Select(g => g.Sum(r => (long?)r.AmountMinor))),
        ("SourceRoute.SourceExists", db => db.Sources.Where(s => s.Id == 1).Select(s => s.Id).Take(1)),

        // Api/Infrastructure/CustomerMatch and Api/Customers: customers by e-mail regardless of case.
        ("CustomerMatch by e-mail", db => db.Customers.AsNoTracking().Where(c => c.Email != null && c.Email.ToLower() == "billing@acme.test")),

        // Paging and ordering as the API and the customer list use them.
        ("Paged customers", db => db.Customers.AsNoTracking().Where(c => c.Id > 10).OrderBy(c => c.Id).Take(50)),
        ("Charges by instant", db => db.Charges.AsNoTracking()
            .Where(c => c.CreatedAt >= new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).OrderByDescending(c => c.CreatedAt)),
        ("Cancellation reasons by text", db => db.CancellationReasons.Where(r => r.Text == "Too expensive")),
        ("Settings", db => db.Settings.AsNoTracking().Where(s => s.Key.StartsWith("Reporting:"))),
        ("Sync checkpoint", db => db.SyncCheckpoints.Where(c => c.SourceId == 1 && c.Kind == "customers")),
    ];

    public static TheoryData<string> QueryNames => new(Queries.Select(q => q.Where));

    [Theory]
    [MemberData(nameof(QueryNames))]
    public void The_query_translates_for_SQL_Server(string where)
    {
        using var db = DesignContexts.Create(DatabaseProvider.SqlServer);
        var sql = Queries.Single(q => q.Where == where).Query(db).ToQueryString();

        Assert.StartsWith("SELECT", sql.Split('\n').First(line => !line.StartsWith("DECLARE", StringComparison.Ordinal) && line.Trim().Length > 0).TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"", sql.Replace("'\"'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(" LIMIT ", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("ILIKE", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Instants_stay_datetimeoffset_on_SQL_Server_and_ticks_only_on_SQLite()
    {
        using var sqlServer = DesignContexts.Create(DatabaseProvider.SqlServer);
        using var sqlite = DesignContexts.Create(DatabaseProvider.Sqlite);
        var query = Queries.Single(q => q.Where == "Charges by instant").Query;

        Assert.Contains("2026-01-01T00:00:00", query(sqlServer).ToQueryString(), StringComparison.Ordinal);
        var onSqlite = query(sqlite).ToQueryString();
        Assert.DoesNotContain("2026-01-01", onSqlite, StringComparison.Ordinal);
        Assert.Matches(@"\b63\d{16}\b", onSqlite);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "ON CONFLICT")]
    [InlineData(DatabaseProvider.PostgreSql, "ON CONFLICT")]
    [InlineData(DatabaseProvider.SqlServer, "MERGE stripe_payment_links WITH (HOLDLOCK)")]
    public void Payment_links_are_upserted_with_each_providers_own_statement(DatabaseProvider provider, string expected)
    {
        var sql = StripeObjectImporter.PaymentLinkUpsertSql(provider, 3);

        Assert.Contains(expected, sql, StringComparison.Ordinal);
        Assert.Contains("({8}, {9}, {10}, {11})", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("{12}", sql, StringComparison.Ordinal);
        Assert.Equal(sql.Count(c => c == '('), sql.Count(c => c == ')'));
    }
}
