using System.Globalization;
using Bunit;
using Dashboard.Core.Metrics;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// The drill-down lists every customer behind a clicked value, <see cref="DrillDownList.PageSize"/> a page, largest
/// contributions first, while its count, total and contract attributes stay those of the whole drill-down on every page.
/// </summary>
public sealed class DrillDownPagingTests : DashboardTestContext
{
    private const string Query = "range=12m&interval=month&filter=plan%3Aeq%3Apro";

    [Fact]
    public void Pages_show_the_next_rows_while_the_count_and_total_cover_every_customer()
    {
        var view = View(customers: 60);
        var list = Render<DrillDownList>(p => p.Add(d => d.View, view).Add(d => d.Metric, "new_mrr").Add(d => d.Query, Query));

        var total = view.Rows.Sum(r => r.Contribution);
        AssertWhole(list, total);
        Assert.Equal(Ids(1, 25), RowIds(list));
        Assert.Equal("1–25 of 60", list.Find("[data-testid='drill-pager'] [data-testid='pager-range']").TextContent);

        list.Find("[data-testid='drill-pager'] [data-testid='page-next']").Click();
        Assert.Equal(Ids(26, 50), RowIds(list));
        Assert.Equal("26–50 of 60", list.Find("[data-testid='pager-range']").TextContent);
        AssertWhole(list, total);

        list.Find("[data-testid='page-last']").Click();
        Assert.Equal(Ids(51, 60), RowIds(list));
        Assert.Equal("3", list.Find("[data-testid='drill-pager']").GetAttribute("data-page"));
        AssertWhole(list, total);

        list.Find("[data-testid='page-number'][data-page='1']").Click();
        Assert.Equal(Ids(1, 25), RowIds(list));

        // Every row is on exactly one page: the pages' contributions add up to the total.
        var seen = new List<decimal>();
        for (var page = 1; page <= 3; page++)
        {
            if (page > 1)
            {
                list.Find("[data-testid='page-next']").Click();
            }

            seen.AddRange(list.FindAll("tbody tr").Select(r => decimal.Parse(r.GetAttribute("data-contribution")!, CultureInfo.InvariantCulture)));
        }

        Assert.Equal(60, seen.Count);
        Assert.Equal(total, seen.Sum());
    }

    [Fact]
    public void Another_clicked_value_starts_on_its_first_page_and_a_short_list_has_no_pager()
    {
        var list = Render<DrillDownList>(p => p.Add(d => d.View, View(customers: 60)).Add(d => d.Metric, "new_mrr").Add(d => d.Query, Query));
        list.Find("[data-testid='page-last']").Click();

        list.Render(p => p.Add(d => d.View, View(customers: 40)));
        Assert.Equal(Ids(1, 25), RowIds(list));
        Assert.Equal("1–25 of 40", list.Find("[data-testid='pager-range']").TextContent);

        list.Render(p => p.Add(d => d.View, View(customers: DrillDownList.PageSize)));
        Assert.Equal(DrillDownList.PageSize, list.FindAll("tbody tr").Count);
        Assert.Empty(list.FindAll("[data-testid='drill-pager']"));
    }

    [Fact]
    public void The_csv_link_carries_the_pages_filters_and_the_drilled_window()
    {
        var list = Render<DrillDownList>(p => p.Add(d => d.View, View(customers: 3)).Add(d => d.Metric, "new_mrr").Add(d => d.Query, Query));

        Assert.Equal("export/metrics/new_mrr/customers.csv?" + Query + "&from=2026-10-01&to=2026-10-31",
            list.Find("[data-testid='drill-csv']").GetAttribute("href"));
    }

    [Fact]
    public void The_csv_has_every_row_with_its_exact_contribution_and_text_cells_quoted()
    {
        var view = View(customers: 60);

        var lines = DrillDownCsv.Write("new_mrr", view).TrimEnd('\n').Split('\n');

        Assert.Equal("customer_id,external_id,name,email,contribution,unit,currency,movements", lines[0]);
        Assert.Equal(61, lines.Length);
        Assert.Equal("1,cus_1,\"Customer 1, Inc.\",c1@example.com,6001,money,USD,\"new $60.01 on Oct 3, expansion $0.00 on Oct 4\"", lines[1]);
        // Each name holds one comma inside its quotes, so the contribution is the sixth piece.
        Assert.Equal(view.Rows.Sum(r => r.Contribution), lines.Skip(1).Sum(l => decimal.Parse(l.Split(',')[5], CultureInfo.InvariantCulture)));
    }

    private static void AssertWhole(IRenderedComponent<DrillDownList> list, decimal total)
    {
        var section = list.Find("[data-testid='drill-down']");
        Assert.Equal("60", section.GetAttribute("data-count"));
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), section.GetAttribute("data-total"));
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), section.GetAttribute("data-value"));
        Assert.StartsWith("60 customers", list.Find(".drill-down__summary").TextContent.Trim(), StringComparison.Ordinal);
    }

    private static List<string> RowIds(IRenderedComponent<DrillDownList> list) =>
        list.FindAll("tbody tr").Select(r => r.GetAttribute("data-customer")!).ToList();

    private static List<string> Ids(int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();

    /// <summary>New MRR for October 2026: customer i contributes (61 - i) dollars and i cents, so customer 1 is the largest.</summary>
    private static DrillDownView View(int customers)
    {
        var rows = Enumerable.Range(1, customers).Select(i => new CustomerContribution(i, $"cus_{i}", $"Customer {i}, Inc.", $"c{i}@example.com",
            ((61 - i) * 100) + i,
            [new MovementEntry(new DateOnly(2026, 10, 3), "new", ((61 - i) * 100) + i), new MovementEntry(new DateOnly(2026, 10, 4), "expansion", 0)])).ToList();
        var sum = rows.Sum(r => r.Contribution);
        var result = new DrillDownResult("new_mrr", MetricUnit.Money, "USD", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), sum, sum, rows);
        return DrillDownView.From(result, MetricCatalog.Get("new_mrr"), "New MRR, Oct 2026");
    }
}
