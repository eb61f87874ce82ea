using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Infrastructure.Sources;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Jobs;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Services.Demo;
using Dashboard.Web.Services.Sources;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Services.Audit;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Dashboard.Infrastructure.Jobs;

namespace Dashboard.Web.Tests.Services.Demo;

/// <summary>
/// "Load demo data again" end to end over a real store and Hangfire storage: an owner removes the demo source, asks for
/// it again, the background job seeds it into a new source, clears the removal mark, audits it as that owner and
/// rebuilds the metrics; a demo source that exists is never doubled; admins and viewers are refused.
/// </summary>
public sealed class DemoReloadTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_owner_removes_the_demo_then_loads_it_again_as_a_job_beside_their_own_source(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ownId = await SeedOwnSourceAsync(database);
        await AddUserAsync(database, DashboardRoles.Owner);
        await using var services = Services(database, DashboardRoles.Owner);
        await using (var db = database.CreateContext())
        {
            await new DemoSeeder(db).SeedAsync(new DemoDataOptions { SourceId = ownId + 1, Customers = 40 }, new FixedTimeProvider(Now));
        }

        await services.GetRequiredService<SourceRemoval>().RemoveDemoAsync(CancellationToken.None);
        Assert.True(await HasMarkAsync(database));
        var reload = services.GetRequiredService<DemoReload>();

        var request = await reload.RequestAsync(CancellationToken.None);

        Assert.True(request.Queued);
        Assert.Equal(DemoReloadState.Queued, reload.Progress.State);
        var queued = services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(request.JobId);
        Assert.Equal(typeof(DemoReloadJob), queued.Job.Type);
        Assert.False((await reload.RequestAsync(CancellationToken.None)).Queued); // one at a time

        var seen = new List<DemoReloadState>();
        services.GetRequiredService<DemoReloadStatus>().Changed += p => seen.Add(p.State);
        await RunQueuedJobAsync(services, queued.Job);

        Assert.Equal(DemoReloadState.Succeeded, reload.Progress.State);
        Assert.Equal(DemoReloadState.Running, seen[0]);
        Assert.Equal(DemoReloadState.Succeeded, seen[^1]);
        Assert.False(await HasMarkAsync(database));
        await using (var db = database.CreateContext())
        {
            var demo = await db.Sources.SingleAsync(s => s.Provider == SourceProvider.Demo);
            Assert.Equal(ownId + 1, demo.Id); // a new source with the next free id
            Assert.Equal(new DemoDataOptions().Customers, await db.Customers.CountAsync(c => c.SourceId == demo.Id));
            Assert.Equal(["own_1"], await db.Customers.Where(c => c.SourceId == ownId).Select(c => c.ExternalId).ToListAsync());
        }

        var engine = await services.GetRequiredService<MetricsEngineHost>().GetEngineAsync();
        await using (var db = database.CreateContext())
        {
            Assert.Equal(await db.Customers.CountAsync(), engine.CountCustomers([])); // rebuilt with the demo customers
        }

        var entries = await services.GetRequiredService<IAuditLog>().AllAsync();
        var loaded = Assert.Single(entries, e => e.Action == AuditActions.DemoLoaded);
        Assert.Equal("owner@example.com", loaded.Actor);
        Assert.Contains($"'Demo data' with {new DemoDataOptions().Customers} customers", loaded.Target, StringComparison.Ordinal);

        // Loaded now: a second request is refused and writes nothing.
        var again = await reload.RequestAsync(CancellationToken.None);
        Assert.False(again.Queued);
        Assert.Contains("already loaded", again.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_finds_a_demo_source_writes_nothing_and_says_why()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await AddUserAsync(database, DashboardRoles.Owner);
        await using var services = Services(database, DashboardRoles.Owner);
        await using (var db = database.CreateContext())
        {
            await new DemoSeeder(db).SeedAsync(new DemoDataOptions { Customers = 5 }, new FixedTimeProvider(Now));
        }

        // Queued while there was none, run after one appeared (another instance, the command line).
        await services.GetRequiredService<DemoReloadJob>().RunAsync("owner@example.com", "owner-id", null, CancellationToken.None);

        var progress = services.GetRequiredService<DemoReloadStatus>().Current;
        Assert.Equal(DemoReloadState.Refused, progress.State);
        Assert.Contains("already loaded (source 1, 'Demo data')", progress.Message, StringComparison.Ordinal);
        await using var check = database.CreateContext();
        Assert.Equal(5, await check.Customers.CountAsync());
        Assert.Equal(1, await check.Sources.CountAsync());
        Assert.DoesNotContain(await services.GetRequiredService<IAuditLog>().AllAsync(), e => e.Action == AuditActions.DemoLoaded);
    }

    [Theory]
    [InlineData(DashboardRoles.Admin)]
    [InlineData(DashboardRoles.Viewer)]
    public async Task Admins_and_viewers_may_not_load_it_and_nothing_is_queued(string role)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = Services(database, role);
        var reload = services.GetRequiredService<DemoReload>();

        Assert.False(await reload.CanLoadAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => reload.RequestAsync(CancellationToken.None));

        Assert.Equal(DemoReloadState.Idle, reload.Progress.State);
        Assert.Equal(0, services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount("default"));
        await using var db = database.CreateContext();
        Assert.False(await db.Sources.AnyAsync());
    }

    [Fact]
    public async Task The_removal_mark_goes_only_with_the_demo_source_in_one_transaction()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.CreateContext())
        {
            db.Settings.Add(new Setting { Key = DemoDataMarker.RemovedAtSettingKey, Value = Now.ToString("O") });
            await db.SaveChangesAsync();
        }

        // The hook deletes the mark and then fails: the source, its plans and the deletion roll back together.
        await using (var db = database.CreateContext())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => new DemoSeeder(db).SeedAsync(
                new DemoDataOptions { Customers = 5 }, new FixedTimeProvider(Now), withSource: async (context, ct) =>
                {
                    await context.Settings.Where(s => s.Key == DemoDataMarker.RemovedAtSettingKey).ExecuteDeleteAsync(ct);
                    throw new InvalidOperationException("stop");
                }));
        }

        Assert.True(await HasMarkAsync(database));
        await using var check = database.CreateContext();
        Assert.False(await check.Sources.AnyAsync());
        Assert.False(await check.Plans.AnyAsync());
        Assert.False(await check.Customers.AnyAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_load_that_fails_half_way_removes_its_partial_source_puts_the_mark_back_and_says_why(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ownId = await SeedOwnSourceAsync(database);
        await AddUserAsync(database, DashboardRoles.Owner);
        const string removedAt = "2026-11-01T10:00:00.0000000+00:00";
        await using (var db = database.CreateContext())
        {
            db.Settings.Add(new Setting { Key = DemoDataMarker.RemovedAtSettingKey, Value = removedAt });
            await db.SaveChangesAsync();
        }

        await using var services = Services(database, DashboardRoles.Owner);
        var status = services.GetRequiredService<DemoReloadStatus>();
        long written = 0;
        status.Changed += p =>
        {
            // The first batch of customers is committed: the store fails now.
            if (p.State == DemoReloadState.Running && p.Customers > 0)
            {
                written = p.Customers;
                throw new InvalidOperationException("The disk is full.");
            }
        };

        var error = await Assert.ThrowsAsync<DemoReloadFailedException>(() => services.GetRequiredService<DemoReloadJob>()
            .RunAsync("owner@example.com", "owner-id", null, CancellationToken.None));

        Assert.InRange(written, 1, new DemoDataOptions().Customers - 1); // half-way
        Assert.Contains("The disk is full.", error.Message, StringComparison.Ordinal);
        Assert.Equal(DemoReloadState.Failed, status.Current.State);
        Assert.Contains("The disk is full.", status.Current.Message, StringComparison.Ordinal);
        await using (var check = database.CreateContext())
        {
            Assert.Equal([ownId], await check.Sources.Select(s => s.Id).ToListAsync());
            Assert.Equal(["own_1"], await check.Customers.Select(c => c.ExternalId).ToListAsync());
            Assert.False(await check.Plans.AnyAsync(p => p.SourceId != ownId));
            Assert.False(await check.Subscriptions.AnyAsync(s => s.SourceId != ownId));
            Assert.Equal(removedAt, await check.Settings.Where(s => s.Key == DemoDataMarker.RemovedAtSettingKey).Select(s => s.Value).SingleAsync());
        }

        var entries = await services.GetRequiredService<IAuditLog>().AllAsync();
        var failed = Assert.Single(entries, e => e.Action == AuditActions.DemoLoadFailed);
        Assert.Equal("owner@example.com", failed.Actor);
        Assert.Contains("The disk is full.", failed.Target, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Action == AuditActions.DemoLoaded);
        var engine = await services.GetRequiredService<MetricsEngineHost>().GetEngineAsync();
        Assert.Equal(1, engine.CountCustomers([]));
        Assert.Null(await services.GetRequiredService<DemoReload>().RefusalAsync(CancellationToken.None)); // may ask again
    }

    [Theory]
    [InlineData(DashboardRoles.Admin)]
    [InlineData(null)]
    public async Task A_job_whose_owner_was_demoted_or_deleted_while_it_waited_writes_nothing(string? roleNow)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        if (roleNow is not null)
        {
            await AddUserAsync(database, roleNow, id: "owner-id");
        }

        await using var services = Services(database, DashboardRoles.Owner);
        var reload = services.GetRequiredService<DemoReload>();
        var request = await reload.RequestAsync(CancellationToken.None);
        Assert.True(request.Queued);
        var queued = services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(request.JobId);

        await RunQueuedJobAsync(services, queued.Job);

        Assert.Equal(DemoReloadState.Refused, reload.Progress.State);
        Assert.Contains("not an owner", reload.Progress.Message, StringComparison.Ordinal);
        await using var check = database.CreateContext();
        Assert.False(await check.Sources.AnyAsync());
        Assert.False(await check.Customers.AnyAsync());
        Assert.DoesNotContain(await services.GetRequiredService<IAuditLog>().AllAsync(), e => e.Action == AuditActions.DemoLoaded);
    }

    [Fact]
    public async Task A_queued_reload_whose_job_was_deleted_failed_or_ran_elsewhere_is_not_stuck_as_queued()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = Services(database, DashboardRoles.Owner);
        var reload = services.GetRequiredService<DemoReload>();
        var jobs = services.GetRequiredService<IBackgroundJobClient>();

        // Deleted from the jobs dashboard before it ran.
        var first = await reload.RequestAsync(CancellationToken.None);
        Assert.Equal(DemoReloadState.Queued, reload.Progress.State); // still enqueued: still queued
        Assert.True(jobs.Delete(first.JobId));
        Assert.Equal(DemoReloadState.Idle, reload.Progress.State);

        // Failed without running here (its concurrency lock timed out).
        var second = await reload.RequestAsync(CancellationToken.None);
        Assert.True(second.Queued);
        Assert.True(jobs.ChangeState(second.JobId, new Hangfire.States.FailedState(new TimeoutException("The demo reload lock was not obtained.")), null));
        Assert.Equal(DemoReloadState.Failed, reload.Progress.State);
        Assert.Contains("lock was not obtained", reload.Progress.Message, StringComparison.Ordinal);

        // Run to the end by another instance.
        var third = await reload.RequestAsync(CancellationToken.None);
        Assert.True(third.Queued);
        Assert.True(jobs.ChangeState(third.JobId, new Hangfire.States.SucceededState(null, 0, 0), null));
        Assert.Equal(DemoReloadState.Succeeded, reload.Progress.State);
        Assert.True((await reload.RequestAsync(CancellationToken.None)).Queued); // never stuck
    }

    /// <summary>An account in the store with one role (the id <c>role-id</c> that <see cref="TestUsers.InRole"/> signs in as).</summary>
    private static async Task AddUserAsync(TestDatabase database, string role, string? id = null)
    {
        await using var db = database.CreateContext();
        var roleRow = await db.Roles.FirstOrDefaultAsync(r => r.Name == role);
        if (roleRow is null)
        {
            roleRow = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(roleRow);
        }

        var user = new IdentityUser(role + "@example.com") { Id = id ?? role + "-id", Email = role + "@example.com" };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleRow.Id });
        await db.SaveChangesAsync();
    }

    private static async Task RunQueuedJobAsync(IServiceProvider services, Hangfire.Common.Job job)
    {
        var args = job.Args;
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoReloadJob>()
            .RunAsync((string)args[0], (string?)args[1], (string?)args[2], CancellationToken.None);
    }

    private static async Task<bool> HasMarkAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Settings.AnyAsync(s => s.Key == DemoDataMarker.RemovedAtSettingKey);
    }

    /// <summary>A pushed source of the user's own, with one $50 customer.</summary>
    private static async Task<long> SeedOwnSourceAsync(TestDatabase database)
    {
        var own = new BillingBuilder();
        own.Subscribe(own.Customer("own_1"), own.Plan("own", 5_000), Now.AddDays(-30));
        await using var db = database.CreateContext();
        await own.SaveAsync(db);
        return await db.Sources.Select(s => s.Id).SingleAsync();
    }

    private static ServiceProvider Services(TestDatabase database, string role) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(Now))
            .AddSingleton(database.CreateFactory())
            .AddSingleton(database.Options)
            .AddBackgroundJobs(new ConfigurationBuilder().Build(), runServer: false)
            .AddSingleton(new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(new ConfigurationBuilder().Build()), NullLogger<MetricsEngineHost>.Instance))
            .AddAuditLog()
            .AddScoped<ICurrentUser>(_ => new KnownUser(TestUsers.InRole(role)))
            .AddScoped<SourceDataRemover>()
            .AddScoped<SourceRemoval>()
            .AddScoped<DemoDataReloader>()
            .AddScoped<DemoReload>()
            .AddSingleton<DemoReloadStatus>()
            .AddTransient<DemoReloadJob>()
            .BuildServiceProvider();
}
