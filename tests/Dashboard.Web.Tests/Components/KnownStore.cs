using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Hosting;
using Dashboard.Web.Services;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// A SQLite store with a small known business and the app's own UI services over it (registered as the app registers
/// them), for rendering pages with real numbers. Today is <see cref="Now"/>: A $10 basic, B $20 pro and C $30 business
/// pay (MRR $60); D ($10 basic) churned 10 days ago; E is on a pro trial. Saved segments "Basic" and "Pro". Its services
/// act as a signed-in admin.
/// </summary>
public sealed class KnownStore : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private ServiceProvider services = null!;

    public long BasicSegmentId { get; private set; }

    public long ProSegmentId { get; private set; }

    /// <summary>The app's services over this store; a page's own services resolve from here.</summary>
    public IServiceProvider Services => services;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var data = new BillingBuilder();
        var basic = data.Plan("basic", 1_000);
        var pro = data.Plan("pro", 2_000);
        data.Subscribe(data.Customer("a"), basic, Now.AddDays(-300));
        data.Subscribe(data.Customer("b"), pro, Now.AddDays(-200));
        data.Subscribe(data.Customer("c"), data.Plan("business", 3_000), Now.AddDays(-100));
        data.Subscribe(data.Customer("d"), basic, Now.AddDays(-250), canceledAt: Now.AddDays(-10));
        data.Subscribe(data.Customer("e"), pro, Now.AddDays(-7), trialEnd: Now.AddDays(7));
        await using (var context = database.CreateContext())
        {
            await data.SaveAsync(context);
        }

        var segments = new SegmentService(database.CreateFactory(), TestUsers.Admin);
        BasicSegmentId = (await segments.CreateAsync("Basic", ["plan:eq:basic"], CancellationToken.None)).Segment!.Id;
        ProSegmentId = (await segments.CreateAsync("Pro", ["plan:eq:pro"], CancellationToken.None)).Segment!.Id;

        var configuration = new ConfigurationBuilder().Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new FixedTimeProvider(Now))
            .AddSingleton(database.CreateFactory())
            .AddDashboardMetrics()
            .AddDashboardUi(configuration)
            .AddDashboardServices()
            .AddAuditLog()
            .AddScoped<ICurrentUser>(_ => new KnownUser(TestUsers.InRole(DashboardRoles.Admin)))
            .AddScoped<AccessGuard>()
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }
}
