using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using static Dashboard.Core.Tests.Scenario;

namespace Dashboard.Core.Tests.Customers;

/// <summary>
/// Many customers over several chunks (and both the parallel scan and both paging paths): every page equals the
/// matching slice of an order computed independently from each customer's own numbers.
/// </summary>
public sealed class CustomerDirectoryScaleTests
{
    private static readonly DateOnly Day = D("2024-12-31");

    [Fact]
    public void Pages_match_an_independent_order_for_every_sort_and_a_filter()
    {
        var s = new Scenario();
        var plans = new[] { s.Plan("a", 1_000), s.Plan("b", 2_500), s.Plan("c", 4_900) };
        var random = new Random(7);
        var countries = new[] { "US", "DE", "FR", null };
        for (var n = 0; n < 24_000; n++)
        {
            var customer = s.Customer($"c{n:00000}", countries[random.Next(countries.Length)]);
            var start = D("2023-01-01").AddDays(random.Next(700));
            string? cancel = random.Next(4) == 0 ? start.AddDays(random.Next(1, 200)).ToString("yyyy-MM-dd") : null;
            if (random.Next(10) > 0)
            {
                s.Subscription(customer, plans[random.Next(plans.Length)], start.ToString("yyyy-MM-dd"), canceledAt: cancel,
                    quantity: random.Next(1, 4));
            }
        }

        var engine = s.Engine();
        var all = engine.Current.Customers.Select(c => (c.Id, c.ExternalId, Metrics: engine.Customer(c.Id, Day)!)).ToList();

        var byMrr = all.OrderByDescending(c => c.Metrics.Mrr).ThenBy(c => c.Id).Select(c => c.ExternalId).ToList();
        AssertPages(engine, new CustomerListQuery(Day) { Sort = CustomerSortField.Mrr }, byMrr);

        var bySince = all.OrderBy(c => c.Metrics.Since is null).ThenBy(c => c.Metrics.Since).ThenBy(c => c.Id).Select(c => c.ExternalId).ToList();
        AssertPages(engine, new CustomerListQuery(Day) { Sort = CustomerSortField.Since, Descending = false }, bySince);

        var byName = all.OrderByDescending(c => c.ExternalId, StringComparer.OrdinalIgnoreCase).Select(c => c.ExternalId).ToList();
        AssertPages(engine, new CustomerListQuery(Day) { Sort = CustomerSortField.Name }, byName);

        var german = engine.Current.Customers.Where(c => c.Country == "DE").Select(c => c.Id).ToHashSet();
        var germanByMrr = all.Where(c => german.Contains(c.Id)).OrderByDescending(c => c.Metrics.Mrr).ThenBy(c => c.Id).Select(c => c.ExternalId).ToList();
        AssertPages(engine, new CustomerListQuery(Day) { Filters = [SegmentFilter.Parse("country:eq:DE")] }, germanByMrr);
        Assert.Equal(engine.OnDay("mrr", "2024-12-31", "country:eq:DE"),
            engine.Customers(new CustomerListQuery(Day) { Filters = [SegmentFilter.Parse("country:eq:DE")] }).TotalMrr);
    }

    private static void AssertPages(MetricsEngine engine, CustomerListQuery query, List<string> expected)
    {
        foreach (var offset in new[] { 0, 25, 4_990, expected.Count / 2, expected.Count - 10 })
        {
            var page = engine.Customers(query with { Offset = offset, Limit = 25 });
            Assert.Equal(expected.Count, page.Total);
            Assert.Equal(expected.Skip(offset).Take(25), page.Rows.Select(r => r.ExternalId));
        }
    }
}
