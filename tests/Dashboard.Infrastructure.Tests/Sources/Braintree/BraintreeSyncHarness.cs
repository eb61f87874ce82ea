using System.Globalization;
using System.Text;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Braintree;
using Dashboard.Infrastructure.Sources.Braintree.Sync;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Testing.Fakes.Braintree;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Tests.Sources.Braintree;

/// <summary>A migrated database, the Braintree connector wired as in the app, and one Braintree source pointing at a fake.</summary>
internal sealed class BraintreeSyncHarness : IAsyncDisposable
{
    private readonly string keysFolder;

    private BraintreeSyncHarness(TestDatabase database, ServiceProvider services, string keysFolder)
    {
        Database = database;
        Services = services;
        this.keysFolder = keysFolder;
    }

    public TestDatabase Database { get; }
    public ServiceProvider Services { get; }
    public long SourceId { get; private set; }

    public SyncRunner Runner => Services.GetRequiredService<SyncRunner>();

    public BraintreeNotificationProcessor Notifications => Services.GetRequiredService<BraintreeNotificationProcessor>();

    public static async Task<BraintreeSyncHarness> CreateAsync(
        DatabaseProvider provider, Uri apiBase, Action<BraintreeOptions>? configure = null, string privateKey = FakeBraintreeServer.PrivateKey, TimeProvider? time = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var keys = Path.Combine(Path.GetTempPath(), "dashboard-keys-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddBraintreeConnector(configuration);
        services.Configure<BraintreeOptions>(o =>
        {
            o.MaxRetries = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(20);
            o.EarliestCreatedAt = new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero);
            o.SearchWindow = TimeSpan.FromDays(20);
            o.MaxIdsPerWindow = 4;
            configure?.Invoke(o);
        });
        services.AddSingleton(database.CreateFactory());
        services.AddBillingImporter();
        services.AddSourceCredentials(configuration, Path.GetTempPath());
        var harness = new BraintreeSyncHarness(database, services.BuildServiceProvider(), keys);
        var source = await harness.Services.GetRequiredService<SourceCatalog>().CreateAsync("Braintree test", SourceProvider.Braintree);
        await using (var db = database.CreateContext())
        {
            db.Attach(source);
            source.ProtectedCredentials = harness.Services.GetRequiredService<BraintreeSourceConnections>().Protect(
                new BraintreeCredentials(FakeBraintreeServer.MerchantId, FakeBraintreeServer.PublicKey, privateKey, "sandbox", apiBase.AbsoluteUri));
            await db.SaveChangesAsync();
        }

        harness.SourceId = source.Id;
        return harness;
    }

    public Task<SyncStatus> SyncAsync(CancellationToken cancellationToken = default) => Runner.RunAsync(SourceId, cancellationToken);

    /// <summary>Every stored billing row of the source as text, ids replaced by external ids, in a stable order.</summary>
    public async Task<string> SnapshotAsync(bool withErrors = true)
    {
        await using var db = Database.CreateContext();
        var text = new StringBuilder();
        var plans = await db.Plans.Where(p => p.SourceId == SourceId).OrderBy(p => p.ExternalId).ToListAsync();
        var planIds = plans.ToDictionary(p => p.Id, p => p.ExternalId);
        foreach (var p in plans)
        {
            text.AppendLine(Invariant($"plan {p.ExternalId} {p.Name} {p.Currency} {p.AmountMinor} {p.Interval}x{p.IntervalCount} trial={p.TrialDuration}"));
        }

        var customers = await db.Customers.Where(c => c.SourceId == SourceId).OrderBy(c => c.ExternalId).ToListAsync();
        var customerIds = customers.ToDictionary(c => c.Id, c => c.ExternalId);
        var fields = await db.AttributeFields.ToDictionaryAsync(f => f.Id, f => f.Key);
        foreach (var c in customers)
        {
            var attributes = await db.CustomerAttributes.Where(a => a.CustomerId == c.Id).ToListAsync();
            text.AppendLine(Invariant($"customer {c.ExternalId} {c.Name} {c.Email} {c.Country} {c.CreatedAt:yyyy-MM-dd HH:mm} ") +
                string.Join(",", attributes.Select(a => fields[a.FieldId] + "=" + a.Value).Order(StringComparer.Ordinal)));
        }

        var subscriptions = await db.Subscriptions.Where(s => s.SourceId == SourceId).Include(s => s.States).ThenInclude(s => s.AddOns)
            .OrderBy(s => s.ExternalId).ToListAsync();
        var subscriptionIds = subscriptions.ToDictionary(s => s.Id, s => s.ExternalId);
        foreach (var s in subscriptions)
        {
            text.AppendLine(Invariant($"subscription {s.ExternalId} {customerIds[s.CustomerId]} start={s.StartedAt:yyyy-MM-dd HH:mm} trial_end={s.TrialEnd:yyyy-MM-dd} canceled={s.CanceledAt:yyyy-MM-dd HH:mm} requested={s.CancelRequestedAt:yyyy-MM-dd}"));
            foreach (var state in s.States.OrderBy(x => x.EffectiveFrom))
            {
                text.AppendLine(Invariant($"  {state.EffectiveFrom:yyyy-MM-dd HH:mm} {planIds[state.PlanId]} x{state.Quantity} -{state.DiscountMinor} {state.Status}") +
                    string.Concat(state.AddOns.OrderBy(a => a.ExternalId).Select(a => Invariant($" +{a.ExternalId}:{a.AmountMinor}x{a.Quantity}"))));
            }
        }

        var charges = await db.Charges.Where(c => c.SourceId == SourceId).OrderBy(c => c.ExternalId).ToListAsync();
        var chargeIds = charges.ToDictionary(c => c.Id, c => c.ExternalId);
        foreach (var c in charges)
        {
            var subscription = c.SubscriptionId is { } id ? subscriptionIds[id] : "-";
            text.AppendLine(Invariant($"charge {c.ExternalId} {customerIds[c.CustomerId]} {subscription} {c.AmountMinor} fee={c.FeeMinor} {c.Currency} {c.CreatedAt:yyyy-MM-dd HH:mm} {c.Status} {c.Kind}"));
        }

        foreach (var r in await db.Refunds.Where(r => r.SourceId == SourceId).OrderBy(r => r.ExternalId).ToListAsync())
        {
            text.AppendLine(Invariant($"refund {r.ExternalId} {chargeIds[r.ChargeId]} {r.AmountMinor} {r.Currency} {r.CreatedAt:yyyy-MM-dd HH:mm}"));
        }

        if (withErrors)
        {
            foreach (var e in await db.SyncErrors.Where(e => e.SourceId == SourceId).Select(e => new { e.Kind, e.ExternalId }).Distinct().OrderBy(e => e.Kind).ThenBy(e => e.ExternalId).ToListAsync())
            {
                text.AppendLine(Invariant($"error {e.Kind} {e.ExternalId}"));
            }
        }

        return text.ToString();
    }

    /// <summary>Month-end values (January to April 2024) of a metric, as the engine computes them from the store.</summary>
    public async Task<decimal?[]> MonthlyAsync(string metric, params FxRate[] rates)
    {
        await using var db = Database.CreateContext();
        var snapshot = new BillingSnapshot
        {
            Customers = await db.Customers.Include(c => c.Attributes).AsNoTracking().ToListAsync(),
            Plans = await db.Plans.AsNoTracking().ToListAsync(),
            Subscriptions = await db.Subscriptions.Include(s => s.States).ThenInclude(s => s.AddOns).AsNoTracking().ToListAsync(),
            Charges = await db.Charges.AsNoTracking().ToListAsync(),
            Refunds = await db.Refunds.AsNoTracking().ToListAsync(),
            AttributeFields = await db.AttributeFields.AsNoTracking().ToListAsync(),
            CustomerAttributes = await db.CustomerAttributes.AsNoTracking().ToListAsync(),
            FxRates = rates,
        };
        return MetricsEngine.Create(snapshot)
            .Query(new MetricQuery(metric, new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 30), Interval.Month))
            .Points.Select(p => p.Value).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(keysFolder))
        {
            Directory.Delete(keysFolder, recursive: true);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
