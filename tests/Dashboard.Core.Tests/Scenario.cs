using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Tests;

/// <summary>Small hand-written billing histories for tests; instants are UTC unless written with an offset.</summary>
internal sealed class Scenario(MetricSettings? settings = null)
{
    private long nextId = 1;

    public TimelineBuilder Builder { get; } = new(settings);

    public static DateTimeOffset T(string text) =>
        DateTimeOffset.Parse(text.Length == 10 ? text + "T00:00:00Z" : text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public long Plan(string externalId, long amountMinor, BillingInterval interval = BillingInterval.Month, int count = 1,
        string currency = "USD", bool metered = false, string? name = null)
    {
        var id = nextId++;
        Builder.AddPlan(id, externalId, name ?? externalId, currency, amountMinor, interval, count, metered);
        return id;
    }

    public long Customer(string externalId, string? country = null, string? email = null, long sourceId = 1)
    {
        var id = nextId++;
        Builder.AddCustomer(id, sourceId, externalId, externalId, email ?? externalId + "@example.com", country, "USD");
        return id;
    }

    public long Subscription(long customer, long plan, string start, string? canceledAt = null, string? trialEnd = null,
        int quantity = 1, long discount = 0, string? cancelRequestedAt = null, SubscriptionStatus status = SubscriptionStatus.Active)
    {
        var id = nextId++;
        Builder.AddSubscription(id, customer, "sub_" + id, T(start), trialEnd is null ? null : T(trialEnd),
            canceledAt is null ? null : T(canceledAt), cancelRequestedAt is null ? null : T(cancelRequestedAt));
        State(id, plan, start, quantity, discount, status);
        return id;
    }

    /// <summary>A new state of <paramref name="subscription"/> from <paramref name="at"/>; returns the state id (for add-ons).</summary>
    public long State(long subscription, long plan, string at, int quantity = 1, long discount = 0, SubscriptionStatus status = SubscriptionStatus.Active)
    {
        var id = nextId++;
        Builder.AddSubscriptionState(id, subscription, T(at), plan, quantity, discount, status);
        return id;
    }

    public MetricsEngine Engine() => new(Builder.Build());
}

internal static class EngineExtensions
{
    /// <summary>The value of one metric over start..end taken as a single bucket (interval chosen to make one bucket).</summary>
    public static decimal? Value(this MetricsEngine engine, string metric, string start, string end, params string[] filters) =>
        engine.Query(new MetricQuery(metric, Scenario.D(start), Scenario.D(end), Interval.Year) { Filters = [.. filters.Select(SegmentFilter.Parse)] })
            .Points.Single().Value;

    /// <summary>A daily value (stock at the end of the day, flow of the day, trailing-30-day window).</summary>
    public static decimal? OnDay(this MetricsEngine engine, string metric, string day, params string[] filters) =>
        engine.Query(new MetricQuery(metric, Scenario.D(day), Scenario.D(day), Interval.Day) { Filters = [.. filters.Select(SegmentFilter.Parse)] })
            .Points.Single().Value;
}
