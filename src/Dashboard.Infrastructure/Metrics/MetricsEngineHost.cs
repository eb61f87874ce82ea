using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Metrics;

/// <summary>
/// Owns the in-memory metrics engine: builds it from the store on first use, and keeps it current as imports commit
/// (only the customers an import touched are reloaded; rates, settings and plan changes rebuild everything). Once the
/// engine has been quiet for <see cref="CustomerListWarmUpDelay"/> after a change, the customer list's indexes are
/// built in the background, so a large store's first customer search does not wait for them.
/// </summary>
public sealed class MetricsEngineHost(
    IDbContextFactory<DashboardDbContext> contextFactory,
    MetricSettingsReader settingsReader,
    ILogger<MetricsEngineHost> logger,
    TimeProvider? time = null,
    TimeSpan? customerListWarmUpDelay = null) : IBillingChangeNotifier
{
    /// <summary>
    /// How long the engine must stay unchanged before the customer list's indexes are built. A sync changes the engine
    /// many times a second; building after each change would spend a core on indexes nobody reads.
    /// </summary>
    public static readonly TimeSpan CustomerListWarmUpDelay = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly TimeSpan warmUpDelay = customerListWarmUpDelay ?? CustomerListWarmUpDelay;
    private volatile MetricsEngine? engine;
    private int rebuildCount;
    private long changes;
    private int warming;
    private int warmUps;

    /// <summary>How many full rebuilds from the store this host has run (first build included); for diagnostics and tests.</summary>
    public int RebuildCount => Volatile.Read(ref rebuildCount);

    /// <summary>How many times the customer list's indexes were built ahead of use; for diagnostics and tests.</summary>
    public int CustomerListWarmUps => Volatile.Read(ref warmUps);

    /// <summary>The engine if it has been built (and its last update did not fail), without building it.</summary>
    public MetricsEngine? BuiltEngine => engine;

    /// <summary>The engine, built from the store if this is the first call (or the last update failed).</summary>
    /// <exception cref="Dashboard.Core.Timelines.MissingFxRateException">The store has amounts in a currency without a rate for their day.</exception>
    public async Task<MetricsEngine> GetEngineAsync(CancellationToken cancellationToken = default)
    {
        if (this.engine is { } engine)
        {
            return engine;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (this.engine is null)
            {
                this.engine = new MetricsEngine(await BuildSetAsync(cancellationToken));
                WarmUpCustomerListLater();
            }

            return this.engine;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Rebuilds every timeline from the store (after settings or FX rates change).</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await RebuildLockedAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task BillingChangedAsync(BillingChange change, CancellationToken cancellationToken)
    {
        // Waiting on the gate even when nothing is built yet: a build in progress may have read the store before
        // this import committed, so the change is applied on top of it.
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (this.engine is not { } engine)
            {
                return; // Nothing built: the first query loads the store as it is now.
            }

            var wholeStore = change.CustomerIds.Count == 0
                || (change.Kinds & (BillingChangeKinds.FxRates | BillingChangeKinds.Settings)) != 0;
            if (wholeStore)
            {
                await RebuildLockedAsync(cancellationToken);
                return;
            }

            var builder = engine.CreateUpdateBuilder();
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var removed = await TimelineLoader.LoadCustomersAsync(db, builder, change.CustomerIds, cancellationToken);
            engine.ReplaceCustomers(builder, removed);
            WarmUpCustomerListLater();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The import itself is committed; drop the engine so the next query rebuilds and reports any error itself.
            logger.LogError(ex, "Updating the metrics after an import failed; the next query rebuilds them from the store.");
            this.engine = null;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RebuildLockedAsync(CancellationToken cancellationToken)
    {
        var set = await BuildSetAsync(cancellationToken);
        Interlocked.Increment(ref rebuildCount);
        if (this.engine is { } engine)
        {
            engine.Replace(set);
        }
        else
        {
            this.engine = new MetricsEngine(set);
        }

        WarmUpCustomerListLater();
    }

    /// <summary>Starts the warm-up unless one is already waiting; a waiting one sees this change and waits longer.</summary>
    private void WarmUpCustomerListLater()
    {
        Interlocked.Increment(ref changes);
        if (Interlocked.Exchange(ref warming, 1) == 0)
        {
            _ = Task.Run(WarmUpWhenQuietAsync);
        }
    }

    private async Task WarmUpWhenQuietAsync()
    {
        try
        {
            while (true)
            {
                var seen = Volatile.Read(ref changes);
                await Task.Delay(warmUpDelay, time);
                if (Volatile.Read(ref changes) != seen)
                {
                    continue;
                }

                if (this.engine is { } engine && engine.PrepareCustomerList())
                {
                    Interlocked.Increment(ref warmUps);
                }

                // A change that arrived while building found the warm-up busy and left it to this loop.
                Volatile.Write(ref warming, 0);
                if (Volatile.Read(ref changes) == seen || Interlocked.Exchange(ref warming, 1) == 1)
                {
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            Volatile.Write(ref warming, 0);
            logger.LogWarning(ex, "Building the customer list's indexes ahead of use failed; the list builds them when asked.");
        }
    }

    private async Task<Dashboard.Core.Timelines.TimelineSet> BuildSetAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var settings = await settingsReader.ReadAsync(db, cancellationToken);
        var builder = await TimelineLoader.LoadAllAsync(db, settings, cancellationToken);
        var set = builder.Build();
        logger.LogInformation("Built metric timelines for {Customers} customers in {Elapsed}", builder.CustomerCount,
            System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return set;
    }
}
