using Dashboard.Infrastructure.Demo.Simulation;

namespace Dashboard.Infrastructure.Demo;

/// <summary>
/// Generates the billing history of a realistic, growing subscription business: customers arriving over the history
/// span with growth, trials that convert or not, upgrades, downgrades, seat changes, add-ons, coupons, failed payments
/// with recovery or involuntary churn, cancellations, reactivations, refunds, setup fees and metered usage.
/// <para>
/// Deterministic: the same <see cref="DemoDataOptions"/> (seed included) and the same UTC day of "today" give identical
/// rows. Each customer draws from its own random stream, so the batch size does not change the data. Only
/// <c>Dashboard.Core</c> types are produced (no EF Core), so the output can also feed benchmarks directly.
/// </para>
/// <para>
/// Streaming: <see cref="GenerateBatches"/> yields <see cref="DemoBatch"/>es of <see cref="DemoDataOptions.BatchSize"/>
/// customers with every row belonging to them, ids assigned sequentially per table, so memory stays bounded for any
/// customer count.
/// </para>
/// <para>
/// The catalog comes from <see cref="DemoCatalogBuilder"/>; each customer's life is a <see cref="CustomerSimulation"/>
/// (Simulation/: life cycle, billing periods, plan and add-on changes, payments, attributes).
/// </para>
/// </summary>
public sealed class DemoDataGenerator
{
    private readonly DemoWorld world;

    /// <summary>Creates a generator whose history ends at the start of the current UTC day of <paramref name="timeProvider"/>.</summary>
    public DemoDataGenerator(DemoDataOptions options, TimeProvider timeProvider)
        : this(options, timeProvider.GetUtcNow())
    {
    }

    /// <summary>Creates a generator whose history ends at the start of the UTC day of <paramref name="today"/>.</summary>
    public DemoDataGenerator(DemoDataOptions options, DateTimeOffset today)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var utc = today.ToUniversalTime();
        HistoryEnd = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        HistoryStart = HistoryEnd.AddMonths(-options.HistoryMonths);
        (Catalog, var index) = DemoCatalogBuilder.Build(options, HistoryStart);
        world = new DemoWorld(options, HistoryStart, HistoryEnd, index);
    }

    public DemoDataOptions Options { get; }

    /// <summary>First instant of the generated history (customers arrive from here on).</summary>
    public DateTimeOffset HistoryStart { get; }

    /// <summary>Start of "today" (UTC): every generated event happens strictly before it.</summary>
    public DateTimeOffset HistoryEnd { get; }

    /// <summary>The source, plans, attribute fields and cancellation reasons, to be written before the batches.</summary>
    public DemoCatalog Catalog { get; }

    /// <summary>Attribute field keys the generator fills.</summary>
    public static IReadOnlyList<string> AttributeKeys { get; } =
    [
        "utm_source", "utm_medium", "utm_campaign", "crm_owner", "industry", "files_uploaded", "seats_used", "signup_date",
        "newsletter_opt_in",
    ];

    /// <summary>
    /// Streams the customers in batches. Every enumeration starts over and yields the same data; at most one batch is
    /// held by the generator at a time.
    /// </summary>
    public IEnumerable<DemoBatch> GenerateBatches()
    {
        var ids = new IdCounters(Options.IdOffsets);
        var batch = new DemoBatch { Index = 0 };
        for (var i = 0; i < Options.Customers; i++)
        {
            new CustomerSimulation(world, ids, batch, i).Run();
            if (batch.Customers.Count == Options.BatchSize)
            {
                yield return batch;
                batch = new DemoBatch { Index = batch.Index + 1 };
            }
        }

        if (batch.Customers.Count > 0)
        {
            yield return batch;
        }
    }
}
