using System.Text.RegularExpressions;
using Dashboard.Infrastructure.Exports;

namespace Dashboard.Web.Tests.Exports;

/// <summary>The digest's email: each KPI with its value, its change and inline bars of every bucket.</summary>
public sealed partial class DigestEmailTests
{
    private static ExportFile File(bool digest) => new(
        1, 2, "Weekly KPIs", new DateOnly(2026, 3, 30), "weekly-kpis-2026-03-30.csv", [],
        new ExportTable(["date", "mrr", "net_new_mrr"], [],
        [
            new Headline("MRR", "$20.00", "+100.0 % vs the period before", [1000m, 2000m]),
            new Headline("Net new MRR", "-$5.00", null, [2000m, -500m, 0m]),
        ]),
        digest);

    [Fact]
    public void A_digest_shows_a_bar_per_bucket_scaled_to_the_largest_with_negatives_in_red()
    {
        var html = ExportEmail.Html(File(digest: true));

        var bars = BarPattern().Matches(html).Select(m => (Height: int.Parse(m.Groups[1].Value), Colour: m.Groups[2].Value)).ToList();
        Assert.Equal([(16, "#4a6cf7"), (32, "#4a6cf7"), (32, "#4a6cf7"), (8, "#d64545"), (1, "#4a6cf7")], bars);
        Assert.Contains("+100.0 % vs the period before", html);
        Assert.Equal("Weekly KPIs: digest of 2026-03-30", ExportEmail.Build(File(digest: true), "d@example.com", ["f@example.com"]).Subject);
    }

    [Fact]
    public void A_metrics_export_mail_has_the_numbers_without_bars()
    {
        var file = File(digest: false);

        Assert.DoesNotContain("data-bar", ExportEmail.Html(file));
        Assert.Contains("MRR: $20.00 (+100.0 % vs the period before)", ExportEmail.Text(file));
    }

    [GeneratedRegex("<div data-bar style=\"width:6px;height:(\\d+)px;background:(#[0-9a-f]{6})\"></div>")]
    private static partial Regex BarPattern();
}
