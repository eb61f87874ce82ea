using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;
using static Dashboard.Core.Tests.Scenario;

namespace Dashboard.Core.Tests.Customers;

/// <summary>
/// Name-sorted pages walk a name order precomputed per snapshot, and searches scan a per-chunk text buffer: after an
/// incremental update (renames, new customers, removals, non-ASCII names) both must equal a fresh full sort and a
/// plain case-insensitive match of the updated customers.
/// </summary>
public sealed class CustomerNameOrderTests
{
    private static readonly DateOnly Day = D("2024-12-31");

    [Fact]
    public void Name_pages_and_searches_after_an_incremental_update_equal_a_fresh_full_sort()
    {
        var s = new Scenario();
        var plan = s.Plan("basic", 1_000);
        var random = new Random(11);
        var countries = new[] { "US", "DE" };
        var ids = new List<long>();
        for (var n = 0; n < 9_000; n++)
        {
            // Few distinct names, so equal names (ordered by id in both directions) are common.
            var id = 100_000L + n;
            s.Builder.AddCustomer(id, 1, $"ext{n:00000}", Name(random), $"ext{n}@example.com", countries[n % 2], "USD");
            s.Subscription(id, plan, "2024-01-01");
            ids.Add(id);
        }

        var engine = s.Engine();
        // The first snapshot builds its order now; the update must not reuse it.
        Assert.Equal(25, engine.Customers(new CustomerListQuery(Day) { Sort = CustomerSortField.Name, Offset = 4_000 }).Rows.Count);
        Assert.NotEmpty(engine.Customers(new CustomerListQuery(Day) { Search = "ANN" }).Rows);

        var update = engine.CreateUpdateBuilder();
        foreach (var id in ids.Where((_, n) => n % 7 == 0))
        {
            update.AddCustomer(id, 1, $"renamed{id}", NewName(random, id), null, "US", "USD");
        }

        for (var n = 0; n < 300; n++)
        {
            update.AddCustomer(1_000_000 + n, 1, $"new{n}", n % 3 == 0 ? null : Name(random), null, "DE", "USD");
        }

        engine.ReplaceCustomers(update, ids.Where((_, n) => n % 11 == 5).ToList());

        var customers = engine.Current.Customers.Select(c => (c.Id, c.ExternalId, c.Name, c.Email, c.Country)).ToList();
        string SortName((long Id, string ExternalId, string? Name, string? Email, string? Country) c) => string.IsNullOrEmpty(c.Name) ? c.ExternalId : c.Name;
        var ascending = customers.OrderBy(SortName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id).Select(c => c.Id).ToList();
        var descending = customers.OrderByDescending(SortName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id).Select(c => c.Id).ToList();
        AssertPages(engine, new CustomerListQuery(Day) { Sort = CustomerSortField.Name, Descending = false }, ascending);
        AssertPages(engine, new CustomerListQuery(Day) { Sort = CustomerSortField.Name, Descending = true }, descending);

        var german = customers.Where(c => c.Country == "DE").Select(c => c.Id).ToHashSet();
        AssertPages(engine, new CustomerListQuery(Day) { Sort = CustomerSortField.Name, Descending = false, Filters = [SegmentFilter.Parse("country:eq:DE")] },
            ascending.Where(german.Contains).ToList());

        foreach (var search in new[] { "ann", "ÉLO", "renamed1", "@EXAMPLE", "zz-none", "new29" })
        {
            var expected = customers
                .Where(c => new[] { c.Name, c.Email, c.ExternalId }.Any(t => t is not null && t.Contains(search, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(SortName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id).Select(c => c.Id).ToList();
            AssertPages(engine, new CustomerListQuery(Day) { Sort = CustomerSortField.Name, Descending = false, Search = search }, expected);
        }

        static string? NewName(Random random, long id) => id % 2 == 0 ? Name(random) : "Élodie " + id % 5;
    }

    [Fact]
    public void Preparing_the_customer_list_ahead_of_use_is_for_large_snapshots_and_gives_the_same_pages()
    {
        MetricsEngine Engine(int customers)
        {
            var s = new Scenario();
            var plan = s.Plan("basic", 1_000);
            var random = new Random(5);
            for (var n = 0; n < customers; n++)
            {
                s.Builder.AddCustomer(200_000L + n, 1, $"ext{n:00000}", Name(random), null, "US", "USD");
                s.Subscription(200_000L + n, plan, "2024-01-01");
            }

            return s.Engine();
        }

        Assert.False(Engine(100).PrepareCustomerList());

        var prepared = Engine(3_000);
        var plain = Engine(3_000);
        Assert.True(prepared.PrepareCustomerList());
        foreach (var query in new[]
        {
            new CustomerListQuery(Day) { Sort = CustomerSortField.Name },
            new CustomerListQuery(Day) { Sort = CustomerSortField.Name, Descending = true, Offset = 2_500 },
            new CustomerListQuery(Day) { Search = "ann" },
        })
        {
            var expected = plain.Customers(query);
            var actual = prepared.Customers(query);
            Assert.Equal(expected.Total, actual.Total);
            Assert.Equal(expected.Rows.Select(r => r.Id), actual.Rows.Select(r => r.Id));
        }
    }

    private static string Name(Random random) =>
        new[] { "Ann", "ann", "Bob", "Émile", "zoë", "Carl", "carla", "Dee", "" }[random.Next(9)] + (random.Next(3) == 0 ? "" : " " + random.Next(40));

    private static void AssertPages(MetricsEngine engine, CustomerListQuery query, List<long> expected)
    {
        foreach (var offset in new[] { 0, 25, expected.Count / 3, expected.Count / 2, Math.Max(0, expected.Count - 10) }.Distinct())
        {
            var page = engine.Customers(query with { Offset = offset, Limit = 25 });
            Assert.Equal(expected.Count, page.Total);
            Assert.Equal(expected.Skip(offset).Take(25), page.Rows.Select(r => r.Id));
        }
    }
}
