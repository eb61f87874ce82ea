using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Testing;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Segments;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Web.Tests.Features.Segments;

/// <summary>
/// The compare view over a real (SQLite) store: A $10 basic since 300 days, B $20 pro since 200, C $30 business since
/// 100, D $10 basic from 250 days until 10 days ago.
/// </summary>
public sealed class CompareTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private MetricQueryService viewQuery = null!;
    private long basicId;
    private long proId;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var data = new BillingBuilder();
        var basic = data.Plan("basic", 1_000);
        data.Subscribe(data.Customer("a"), basic, Now.AddDays(-300));
        data.Subscribe(data.Customer("b"), data.Plan("pro", 2_000), Now.AddDays(-200));
        data.Subscribe(data.Customer("c"), data.Plan("business", 3_000), Now.AddDays(-100));
        data.Subscribe(data.Customer("d"), basic, Now.AddDays(-250), canceledAt: Now.AddDays(-10));
        await using (var context = database.CreateContext())
        {
            await data.SaveAsync(context);
        }

        var store = new SegmentService(database.CreateFactory(), TestUsers.Admin);
        basicId = (await store.CreateAsync("Basic", ["plan:eq:basic"], CancellationToken.None)).Segment!.Id;
        proId = (await store.CreateAsync("Pro", ["plan:eq:pro"], CancellationToken.None)).Segment!.Id;
        var configuration = new ConfigurationBuilder().Build();
        var host = new MetricsEngineHost(database.CreateFactory(), new MetricSettingsReader(configuration), NullLogger<MetricsEngineHost>.Instance);
        viewQuery = new MetricQueryService(host, new SegmentService(database.CreateFactory(), TestUsers.Admin), new FixedTimeProvider(Now));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Two_segments_and_a_filter_group_give_one_series_each_equal_to_the_filtered_query()
    {
        var state = new CompareState
        {
            Metric = "mrr",
            SegmentIds = [basicId, proId],
            Groups = ["plan:eq:business"],
            View = new MetricViewState { Range = RangePreset.Last3Months, Interval = Interval.Month },
        };

        var view = await new CompareQuery(viewQuery).RunAsync(state, CancellationToken.None);

        Assert.Equal(["Basic", "Pro", "plan:eq:business"], view.Series.Select(s => s.Name));
        Assert.Equal(["1000", "2000", "3000"], view.Cards.Select(c => c.RawValue));
        Assert.Equal(["$10.00", "$20.00", "$30.00"], view.Cards.Select(c => c.Display));
        Assert.All(view.Cards, c => Assert.Equal("mrr", c.Metric));
        Assert.Equal(4, view.Rows.Count); // Aug 23..31, Sep, Oct, Nov 1..22
        Assert.Equal(3, view.Chart.Count);
        var basicAlone = await viewQuery.SeriesAsync("mrr", state.View with { SegmentId = basicId }, CancellationToken.None);
        Assert.Equal(basicAlone.Series.Points.Select(p => p.Value), view.Rows.Select(r => r.Values[0]));
        Assert.Equal(2_000m, view.Rows[^2].Values[0]); // A and D in October
        Assert.Equal(["$20.00", "$20.00", "$30.00"], view.Rows[^2].Displays);
    }

    [Fact]
    public async Task An_unknown_segment_or_metric_is_a_clear_error()
    {
        var query = new CompareQuery(viewQuery);

        var segment = await Assert.ThrowsAsync<MetricQueryException>(() =>
            query.RunAsync(new CompareState { SegmentIds = [basicId, 999] }, CancellationToken.None));
        var metric = await Assert.ThrowsAsync<MetricQueryException>(() =>
            query.RunAsync(new CompareState { Metric = "happiness", SegmentIds = [basicId, proId] }, CancellationToken.None));

        Assert.Equal("There is no segment 999.", segment.Message);
        Assert.Equal("There is no metric 'happiness'.", metric.Message);
    }

    [Theory]
    [InlineData(0, "Pick at least 2 segments to compare (this view has 0)")]
    [InlineData(1, "Pick at least 2 segments to compare (this view has 1)")]
    [InlineData(2, null)]
    [InlineData(4, null)]
    [InlineData(5, "Compare at most 4 segments at once (this view has 5): remove 1.")]
    public void Two_to_four_segments_can_be_compared(int count, string? problem)
    {
        var state = new CompareState { SegmentIds = Enumerable.Range(1, count).Select(i => (long)i).ToList() };

        Assert.Equal(problem is null, state.HasValidCount);
        if (problem is null)
        {
            Assert.Null(state.CountProblem);
        }
        else
        {
            Assert.StartsWith(problem, state.CountProblem);
        }
    }

    [Fact]
    public void The_url_holds_the_whole_view()
    {
        var state = CompareState.Parse("ltv", ["1", "2", "x", "2"], ["plan:eq:pro; country:eq:DE", " "], "custom", "2026-01-01", "2026-06-30", "week");

        Assert.Equal("ltv", state.Metric);
        Assert.Equal([1L, 2L], state.SegmentIds);
        Assert.Equal(["plan:eq:pro;country:eq:DE"], state.Groups);
        Assert.Equal(new DateOnly(2026, 1, 1), state.View.Start);
        Assert.Equal(Interval.Week, state.View.Interval);
        var query = state.ToQueryString();
        Assert.Equal("metric=ltv&segment_id=1&segment_id=2&group=plan%3Aeq%3Apro%3Bcountry%3Aeq%3ADE&range=custom&start=2026-01-01&end=2026-06-30&interval=week", query);
        var parsed = System.Web.HttpUtility.ParseQueryString(query);
        var back = CompareState.Parse(parsed["metric"], parsed.GetValues("segment_id"), parsed.GetValues("group"), parsed["range"], parsed["start"],
            parsed["end"], parsed["interval"]);
        Assert.Equal(state, back);
    }
}
