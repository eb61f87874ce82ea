using System.Diagnostics;
using System.Globalization;
using Dashboard.Bench;
using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Core.Segments;

var customers = 100_000;
string? storeFile = null;
var warmup = args.Contains("--warmup");
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--customers")
    {
        customers = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
    else if (args[i] == "--sqlite-store")
    {
        storeFile = args[i + 1];
    }
}

var muted = false;
if (storeFile is not null)
{
    // The store path: seed the demo business into a SQLite file (once), then time loading the timelines from it.
    await StoreBench.RunAsync(storeFile, customers, (name, seconds) => Report(name, seconds));
    return;
}
if (warmup)
{
    // Runs every measured path once on a small separate business first, so the figures exclude JIT compilation (a
    // server has compiled these paths after its first few requests); caches are per engine, so nothing else carries over.
    muted = true;
    Run(25_000);
    muted = false;
}

Run(customers);

// cpu_seconds: processor time of the whole process (every thread) during the measurement. On a box shared with other
// builds, wall time mostly measures how much of the cores the process got; CPU time measures the work.
void Report(string name, double seconds, double? cpuSeconds = null)
{
    if (!muted)
    {
        var cpu = cpuSeconds is { } c ? string.Create(CultureInfo.InvariantCulture, $",\"cpu_seconds\":{c:0.0000}") : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"name\":\"{name}\",\"customers\":{customers},\"seconds\":{seconds:0.0000}{cpu},\"peak_mb\":{Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024}}}"));
    }
}

T Measure<T>(string name, Func<T> action)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var result = action();
    var elapsed = watch.Elapsed.TotalSeconds;
    Report(name, elapsed, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    return result;
}

void Run(int count)
{
    var builder = Measure("generate_rows", () => SyntheticData.Generate(count));
    var engine = Measure("build_timelines", () => new MetricsEngine(builder.Build()));
    builder = null;
    GC.Collect();

    var start = DateOnly.FromDateTime(SyntheticData.Start.UtcDateTime);
    var end = start.AddYears(3).AddDays(-1);
    string[] movements = ["mrr", "new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr", "reactivation_mrr", "net_new_mrr"];

    Measure("movement_table_monthly_3y", () => movements.Select(m => engine.Query(new MetricQuery(m, start, end))).ToList());
    Measure("all_metrics_monthly_3y", () => MetricCatalog.All.Select(m => engine.Query(new MetricQuery(m.Name, start, end))).ToList());
    Measure("mrr_daily_3y", () => engine.Query(new MetricQuery("mrr", start, end, Interval.Day)));
    Measure("customer_churn_rate_daily_3y", () => engine.Query(new MetricQuery("customer_churn_rate", start, end, Interval.Day)));
    Measure("summary_one_day", () => engine.Summary(end));
    SegmentFilter[] google = [SegmentFilter.Parse("utm_source:eq:google")];
    Measure("segment_mrr_monthly_3y_first", () => engine.Query(new MetricQuery("mrr", start, end) { Filters = google }));
    Measure("segment_mrr_monthly_3y_cached", () => engine.Query(new MetricQuery("mrr", start, end) { Filters = google }));
    Measure("segment_arr_monthly_3y_country_fr", () => engine.Query(new MetricQuery("arr", start, end) { Filters = [SegmentFilter.Parse("country:eq:FR")] }));
    Measure("segment_nrr_monthly_3y_source_partner", () => engine.Query(new MetricQuery("nrr", start, end) { Filters = [SegmentFilter.Parse("utm_source:neq:partner")] }));
    SegmentFilter[] plan = [SegmentFilter.Parse("plan:eq:plan_2")];
    Measure("segment_plan_churn_rate_monthly_3y", () => engine.Query(new MetricQuery("customer_churn_rate", start, end) { Filters = plan }));
    SegmentFilter[] cash = [SegmentFilter.Parse("country:in:US|GB")];
    Measure("segment_gross_revenue_monthly_3y", () => engine.Query(new MetricQuery("gross_revenue", start, end) { Filters = cash }));
    Measure("segment_all_metrics_monthly_3y", () => MetricCatalog.All.Select(m => engine.Query(new MetricQuery(m.Name, start, end) { Filters = cash })).ToList());
    Measure("cohorts_3y", () => engine.Cohorts(start, end));
    Measure("drill_down_churned_mrr_one_month", () => engine.DrillDown("churned_mrr", end.AddDays(-30), end));
    Measure("customer_list_mrr_desc_first_page", () => engine.Customers(new CustomerListQuery(end)));
    Measure("customer_list_name_asc_first_page", () => engine.Customers(new CustomerListQuery(end) { Sort = CustomerSortField.Name, Descending = false }));
    Measure("customer_list_name_asc_page_2000", () => engine.Customers(new CustomerListQuery(end) { Sort = CustomerSortField.Name, Descending = false, Offset = 50_000 }));
    Measure("customer_list_name_asc_page_2001_again", () => engine.Customers(new CustomerListQuery(end) { Sort = CustomerSortField.Name, Descending = false, Offset = 50_025 }));
    Measure("customer_list_name_desc_page_20000", () => engine.Customers(new CustomerListQuery(end) { Sort = CustomerSortField.Name, Offset = 500_000 }));
    Measure("customer_list_country_fr_by_since", () => engine.Customers(new CustomerListQuery(end) { Filters = [SegmentFilter.Parse("country:eq:FR")], Sort = CustomerSortField.Since }));
    Measure("customer_list_plan_2_by_revenue", () => engine.Customers(new CustomerListQuery(end) { Filters = plan, Sort = CustomerSortField.NetRevenue }));
    Measure("customer_list_search_first_page", () => engine.Customers(new CustomerListQuery(end) { Search = "cus_12345" }));
    Measure("customer_list_search_again", () => engine.Customers(new CustomerListQuery(end) { Search = "cus_54321" }));
    Measure("customer_metrics_one_customer", () => engine.Customer(12_345, end));

    var update = engine.CreateUpdateBuilder();
    update.AddCustomer(1, 1, "cus_1", null, null, "US", "USD");
    update.AddSubscription(999_999_999, 1, "sub_new", SyntheticData.Start.AddDays(100));
    update.AddSubscriptionState(999_999_999, 999_999_999, SyntheticData.Start.AddDays(100), 2);
    Measure("replace_one_customer", () =>
    {
        engine.ReplaceCustomers(update);
        return 0;
    });
    Report("peak", 0);
    }
