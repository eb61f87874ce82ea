using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// A customer's numbers as the metrics engine counts them today (MRR, net revenue to date, status), the same numbers
/// the customer pages show. Reads build the engine if needed; write answers use it only when it is already built, so a
/// write never waits for a full load of the store (the numbers are then null).
/// </summary>
public sealed class CustomerNumbers(MetricsEngineHost host, TimeProvider time)
{
    /// <summary>A lookup for a read; null numbers when the store cannot be converted to the reporting currency.</summary>
    public async Task<Func<long, CustomerMetrics?>> ForReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Lookup(await host.GetEngineAsync(cancellationToken));
        }
        catch (MissingFxRateException)
        {
            return _ => null;
        }
    }

    /// <summary>A lookup for a write's answer: the engine as it is, never built for it.</summary>
    public Func<long, CustomerMetrics?> ForWrite() => host.BuiltEngine is { } engine ? Lookup(engine) : _ => null;

    private Func<long, CustomerMetrics?> Lookup(MetricsEngine engine)
    {
        var today = MetricQueryService.Today(engine, time);
        return customerId => engine.Customer(customerId, today);
    }

    /// <summary>Paying now (MRR above zero), as the customer list counts active.</summary>
    public static bool? IsActive(CustomerMetrics? numbers) => numbers?.Status is null ? null : numbers.Status is CustomerStatus.Active or CustomerStatus.PastDue;

    /// <summary>Paid before and pays nothing now.</summary>
    public static bool? IsCanceled(CustomerMetrics? numbers) => numbers?.Status is null ? null : numbers.Status == CustomerStatus.Churned;
}
