using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>Realistic operations for tests; each call returns a fresh, valid object that tests adjust with `with`.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Every provider the store runs on; SQL Server only against a live server (see TestDatabase).</summary>
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer };

    public static PlanImport Plan(string oid = "pro_monthly", long amount = 4900) => new()
    {
        Oid = oid, Name = "Pro", Currency = "usd", Amount = amount, Interval = BillingInterval.Month, IntervalCount = 1,
    };

    public static CustomerImport Customer(string oid = "cus_1") => new()
    {
        Oid = oid, Name = "Acme Ltd", Email = "billing@acme.test", Country = "gb", Created = Start.AddDays(-1),
    };

    public static SubscriptionImport Subscription(string oid = "sub_1", string customer = "cus_1", string plan = "pro_monthly") => new()
    {
        Oid = oid, CustomerOid = customer, PlanOid = plan, StartedAt = Start, Quantity = 2,
    };

    public static ChargeImport Charge(string oid = "ch_1", string customer = "cus_1", long amount = 9800) => new()
    {
        Oid = oid, CustomerOid = customer, SubscriptionOid = "sub_1", Amount = amount, Fee = 314, Currency = "USD",
        Created = Start, Status = ChargeStatus.Paid,
    };

    public static CancellationFeedbackImport Feedback(string reason = "Too expensive", string? comment = "Over budget", string oid = "sub_1") => new()
    {
        Oid = oid, Reason = reason, Comment = comment, OccurredAt = Start.AddDays(40),
    };

    public static RefundImport Refund(string oid = "re_1", string charge = "ch_1", long amount = 1000) => new()
    {
        Oid = oid, ChargeOid = charge, Amount = amount, Currency = "USD", Created = Start.AddDays(3),
    };
}
