using System.Globalization;
using System.Text;
using Dashboard.Core.Billing;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sync;
using Dashboard.Testing;
using Dashboard.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>A migrated database, the Stripe connector wired as in the app, and one Stripe source pointing at a fake.</summary>
internal sealed class StripeSyncHarness : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_test_secret";

    private readonly string keysFolder;

    private StripeSyncHarness(TestDatabase database, ServiceProvider services, string keysFolder)
    {
        Database = database;
        Services = services;
        this.keysFolder = keysFolder;
    }

    public TestDatabase Database { get; }
    public ServiceProvider Services { get; }
    public long SourceId { get; private set; }

    public SyncRunner Runner => Services.GetRequiredService<SyncRunner>();

    public static async Task<StripeSyncHarness> CreateAsync(
        DatabaseProvider provider, Uri apiBase, int pageSize = 100, int maxRetries = 3, Action<IServiceCollection>? configure = null,
        string apiKey = FakeStripeServer.ApiKey)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var keys = Path.Combine(Path.GetTempPath(), "dashboard-keys-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys })
            .Build();
        var services = StripeTestServices.Collection(pageSize, maxRetries: maxRetries);
        services.AddSingleton(database.CreateFactory());
        services.AddBillingImporter();
        services.AddSourceCredentials(configuration, Path.GetTempPath());
        configure?.Invoke(services);
        var harness = new StripeSyncHarness(database, services.BuildServiceProvider(), keys);
        var source = await harness.Services.GetRequiredService<StripeSourceRegistrar>()
            .AddAsync("Stripe test", apiKey, apiBase, WebhookSecret, default);
        harness.SourceId = source.Id;
        return harness;
    }

    /// <summary>
    /// A harness whose connector runs on <paramref name="clock"/>, which the fake Stripe gets too: both agree on "now",
    /// so the fake lists and retrieves the events of the 30 days before that moment, as Stripe would on that day.
    /// </summary>
    public static Task<StripeSyncHarness> CreateOnClockAsync(
        DatabaseProvider provider, FakeStripeServer stripe, TimeProvider clock, int pageSize = 100, int maxRetries = 3,
        Action<IServiceCollection>? configure = null)
    {
        stripe.Clock = clock;
        return CreateAsync(provider, stripe.BaseUri, pageSize, maxRetries, services =>
        {
            services.AddSingleton(clock);
            configure?.Invoke(services);
        });
    }

    public Task<SyncStatus> SyncAsync(CancellationToken cancellationToken = default) => Runner.RunAsync(SourceId, cancellationToken);

    /// <summary>Every stored billing row of the source as text, ids replaced by external ids, in a stable order.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = Database.CreateContext();
        var text = new StringBuilder();
        var plans = await db.Plans.Where(p => p.SourceId == SourceId).OrderBy(p => p.ExternalId).ToListAsync();
        var planIds = plans.ToDictionary(p => p.Id, p => p.ExternalId);
        foreach (var p in plans)
        {
            text.AppendLine(Invariant($"plan {p.ExternalId} {p.Name} {p.Currency} {p.AmountMinor} {p.Interval}x{p.IntervalCount} metered={p.IsMetered}"));
        }

        var customers = await db.Customers.Where(c => c.SourceId == SourceId).OrderBy(c => c.ExternalId).ToListAsync();
        var customerIds = customers.ToDictionary(c => c.Id, c => c.ExternalId);
        var fields = await db.AttributeFields.ToDictionaryAsync(f => f.Id, f => f.Key);
        foreach (var c in customers)
        {
            var attributes = await db.CustomerAttributes.Where(a => a.CustomerId == c.Id).ToListAsync();
            text.AppendLine(Invariant($"customer {c.ExternalId} {c.Name} {c.Email} {c.Country} {c.Currency} {c.CreatedAt:O} ") +
                string.Join(",", attributes.Select(a => fields[a.FieldId] + "=" + a.Value).Order(StringComparer.Ordinal)));
        }

        var subscriptions = await db.Subscriptions.Where(s => s.SourceId == SourceId).Include(s => s.States).ThenInclude(s => s.AddOns)
            .OrderBy(s => s.ExternalId).ToListAsync();
        var subscriptionIds = subscriptions.ToDictionary(s => s.Id, s => s.ExternalId);
        foreach (var s in subscriptions)
        {
            text.AppendLine(Invariant($"subscription {s.ExternalId} {customerIds[s.CustomerId]} start={s.StartedAt:O} trial_end={s.TrialEnd:O} canceled={s.CanceledAt:O} requested={s.CancelRequestedAt:O}"));
            foreach (var state in s.States.OrderBy(x => x.EffectiveFrom))
            {
                text.AppendLine(State(state, planIds));
            }
        }

        var charges = await db.Charges.Where(c => c.SourceId == SourceId).OrderBy(c => c.ExternalId).ToListAsync();
        var chargeIds = charges.ToDictionary(c => c.Id, c => c.ExternalId);
        foreach (var c in charges)
        {
            var subscription = c.SubscriptionId is { } id ? subscriptionIds[id] : "-";
            text.AppendLine(Invariant($"charge {c.ExternalId} {customerIds[c.CustomerId]} {subscription} {c.AmountMinor} fee={c.FeeMinor} {c.Currency} {c.CreatedAt:O} {c.Status} {c.Kind}"));
        }

        foreach (var r in await db.Refunds.Where(r => r.SourceId == SourceId).OrderBy(r => r.ExternalId).ToListAsync())
        {
            text.AppendLine(Invariant($"refund {r.ExternalId} {chargeIds[r.ChargeId]} {r.AmountMinor} {r.Currency} {r.CreatedAt:O}"));
        }

        foreach (var e in await db.SyncErrors.Where(e => e.SourceId == SourceId).Select(e => new { e.Kind, e.ExternalId }).Distinct().OrderBy(e => e.Kind).ThenBy(e => e.ExternalId).ToListAsync())
        {
            text.AppendLine(Invariant($"error {e.Kind} {e.ExternalId}"));
        }

        return text.ToString();
    }

    /// <summary>"2024-02-15 price_pro x1 -0 Active [addons]".</summary>
    public static string State(SubscriptionState state, IReadOnlyDictionary<long, string> planIds) =>
        Invariant($"  {state.EffectiveFrom:yyyy-MM-dd HH:mm} {planIds[state.PlanId]} x{state.Quantity} -{state.DiscountMinor} {state.Status}") +
        string.Concat(state.AddOns.OrderBy(a => a.ExternalId).Select(a => Invariant($" +{a.ExternalId}:{a.AmountMinor}x{a.Quantity}")));

    public async Task<List<string>> StatesAsync(string subscriptionId)
    {
        await using var db = Database.CreateContext();
        var planIds = await db.Plans.ToDictionaryAsync(p => p.Id, p => p.ExternalId);
        var subscription = await db.Subscriptions.Include(s => s.States).ThenInclude(s => s.AddOns)
            .SingleAsync(s => s.SourceId == SourceId && s.ExternalId == subscriptionId);
        return subscription.States.OrderBy(s => s.EffectiveFrom).Select(s => State(s, planIds).Trim()).ToList();
    }

    /// <summary>Everything stored, as the metrics engine reads it.</summary>
    public async Task<BillingSnapshot> BillingSnapshotAsync(params FxRate[] rates)
    {
        await using var db = Database.CreateContext();
        return new BillingSnapshot
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
