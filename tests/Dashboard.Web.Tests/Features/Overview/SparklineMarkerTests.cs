using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Features.Overview;
using Dashboard.Web.Tests.Components;
using static Dashboard.Web.Tests.Features.Overview.OverviewTestData;

namespace Dashboard.Web.Tests.Features.Overview;

/// <summary>
/// Annotations on the Overview cards' sparklines: twelve months from Sep 2026, each note under the point of the bucket
/// its date falls in, on the cards of its metric (global notes on every card), none outside the range, and notes too
/// close to tell apart shown as one marker.
/// </summary>
public sealed class SparklineMarkerTests : DashboardTestContext
{
    private static readonly Annotation[] Notes =
    [
        Note(1, "mrr", new DateOnly(2026, 11, 15), "Price change", global: true),
        Note(2, "mrr", new DateOnly(2027, 2, 3), "Launch on Product Hunt"),
        Note(3, "arr", new DateOnly(2027, 8, 31), "Annual plans"),
        Note(4, "mrr", new DateOnly(2026, 8, 31), "Before the range"),
        Note(5, "mrr", new DateOnly(2027, 9, 1), "After the range", global: true),
    ];

    [Fact]
    public void Each_note_sits_under_the_point_of_its_bucket()
    {
        var mrr = Card("mrr");

        var marks = mrr.QuerySelectorAll("[data-testid='kpi-annotations'] .kpi-card__mark");
        // Nov 15, 2026 is in the third month (index 2), Feb 3, 2027 in the sixth (index 5): 2/11 and 5/11 of the width.
        Assert.Equal(["2", "5"], marks.Select(m => m.GetAttribute("data-bucket") ?? string.Empty));
        Assert.Equal(["left: 18.18%; --x: 0.1818", "left: 45.45%; --x: 0.4545"], marks.Select(m => m.GetAttribute("style") ?? string.Empty));
        // The same places as the sparkline's own points for those buckets.
        var xs = mrr.QuerySelector("svg.kpi-card__sparkline polyline")!.GetAttribute("points")!.Split(' ').Select(p => p.Split(',')[0]).ToList();
        Assert.Equal([$"left: {xs[2]}%; --x: 0.1818", $"left: {xs[5]}%; --x: 0.4545"], marks.Select(m => m.GetAttribute("style") ?? string.Empty));
        var first = marks[0].QuerySelector("[data-testid='annotation-marker']")!;
        Assert.Equal("2026-11-15", first.GetAttribute("data-date"));
        Assert.Equal("Annotation, Nov 15, 2026: Price change", first.GetAttribute("aria-label"));
        Assert.Equal("0", first.GetAttribute("tabindex"));
        Assert.Equal("Nov 15, 2026 Price change", first.QuerySelector("[data-testid='annotation-tip']")!.TextContent.Trim());
        Assert.Equal("Annotations on MRR", mrr.QuerySelector("[data-testid='kpi-annotations']")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void A_card_shows_its_own_metrics_notes_and_the_global_ones_and_nothing_outside_the_range()
    {
        var arr = Card("arr");
        var churn = Card("customer_churn_rate");

        Assert.Equal(["2026-11-15", "2027-08-31"], Dates(arr));
        Assert.Equal("11", arr.QuerySelectorAll(".kpi-card__mark")[1].GetAttribute("data-bucket"));
        Assert.Equal(["2026-11-15"], Dates(churn));
        Assert.DoesNotContain(new[] { Card("mrr"), arr, churn }.SelectMany(Dates), d => d is "2026-08-31" or "2027-09-01");
    }

    [Fact]
    public void A_card_without_notes_in_its_range_has_no_marker_row()
    {
        var data = Data([Note(9, "mrr", new DateOnly(2025, 1, 1), "Long ago", global: true)]);

        var card = Render<KpiCard>(p => p.Add(c => c.Model, OverviewViewModel.From(data, new MetricViewState()).Cards.First(c => c.Metric == "mrr"))).Find(".kpi-card");

        Assert.Null(card.QuerySelector("[data-testid='kpi-annotations']"));
        Assert.NotNull(card.QuerySelector("svg.kpi-card__sparkline"));
    }

    [Fact]
    public void Notes_too_close_to_tell_apart_share_one_marker_that_reads_them_all()
    {
        // Thirty days: buckets 3.4 apart, so notes two days apart share a marker and one a week later has its own.
        var start = new DateOnly(2026, 11, 1);
        var points = Enumerable.Range(0, 30).Select(i => new MetricPoint(start.AddDays(i), start.AddDays(i), i)).ToList();
        var notes = new[]
        {
            Note(1, "mrr", start.AddDays(3), "Price change"),
            Note(2, "mrr", start.AddDays(5), "Email campaign"),
            Note(3, "mrr", start.AddDays(12), "Launch"),
        };

        var marks = SparklineMarkers.Place(notes, points, p => p.Date.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([2, 1], marks.Select(m => m.Notes.Count));
        Assert.Equal([3, 12], marks.Select(m => m.Marker.Bucket));
        Assert.Equal("Price change; Nov 6, 2026: Email campaign", marks[0].Marker.Text);
        Assert.Equal(Sparkline.XOf(3, 30), marks[0].X);
        Assert.True(marks[1].X - marks[0].X >= SparklineMarkers.MinGap);
    }

    private IElement Card(string metric)
    {
        var model = OverviewViewModel.From(Data(Notes), new MetricViewState()).Cards.First(c => c.Metric == metric);
        return Render<KpiCard>(p => p.Add(c => c.Model, model)).Find(".kpi-card");
    }

    private static OverviewData Data(IReadOnlyList<Annotation> notes)
    {
        var months = Enumerable.Range(1, 12).Select(i => (decimal?)(i * 1_000)).ToArray();
        return Build(new()
        {
            ["mrr"] = Values(null, months),
            ["arr"] = Values(null, months.Select(v => v * 12).ToArray()),
            ["customer_churn_rate"] = Values(null, months.Select(_ => (decimal?)2).ToArray()),
        }) with { CardAnnotations = notes };
    }

    private static string[] Dates(IElement card) =>
        card.QuerySelectorAll("[data-testid='annotation-marker']").Select(m => m.GetAttribute("data-date") ?? string.Empty).ToArray();

    private static Annotation Note(long id, string metric, DateOnly date, string text, bool global = false) =>
        new() { Id = id, Metric = metric, Date = date, Text = text, Global = global };
}
