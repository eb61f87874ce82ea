using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Web.Tests.Theme;

/// <summary>
/// WCAG AA contrast of the dashboard's colours (wwwroot/theme.css), light and dark: text 4.5:1 against what it sits on,
/// chart series 3:1 against the card. The ratios are computed from the custom properties the stylesheet defines, so a
/// colour changed there is measured here (docs/ui.md, "Colours and contrast").
/// </summary>
public sealed partial class ThemeContrastTests
{
    private const double Text = 4.5;
    private const double Graphics = 3.0;

    /// <summary>Foreground, background, the ratio it needs.</summary>
    public static TheoryData<string, string, string, double> Pairs()
    {
        var data = new TheoryData<string, string, string, double>();
        foreach (var theme in new[] { "light", "dark" })
        {
            foreach (var (fg, bg) in new[]
            {
                ("text", "surface"), ("text", "page"), ("muted", "surface"), ("muted", "page"), ("link", "surface"), ("link", "page"),
                ("on-primary", "primary"), ("on-header", "header"), ("code-text", "code-background"), ("good", "surface"), ("bad", "surface"),
                ("badge-active-text", "badge-active-background"), ("badge-past-due-text", "badge-past-due-background"),
                ("badge-trialing-text", "badge-trialing-background"), ("badge-churned-text", "badge-churned-background"),
                ("badge-other-text", "badge-other-background"),
            })
            {
                data.Add(theme, fg, bg, Text);
            }

            for (var i = 1; i <= 8; i++)
            {
                data.Add(theme, $"series-{i}", "surface", Graphics);
            }

            foreach (var movement in new[] { "new", "expansion", "reactivation", "contraction", "churn" })
            {
                data.Add(theme, $"mrr-{movement}", "surface", Graphics);
            }

            // The goal's target line on a metric chart: a graphic against the chart's card and, around it, the page.
            data.Add(theme, "goal", "surface", Graphics);
            data.Add(theme, "goal", "page", Graphics);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Colour_pairs_reach_wcag_aa(string theme, string foreground, string background, double minimum)
    {
        var colours = Colours(theme);

        var ratio = Ratio(colours[foreground], colours[background]);

        Assert.True(ratio >= minimum, $"{theme}: --dashboard-{foreground} on --dashboard-{background} is {ratio:0.00}:1, needs {minimum}:1");
    }

    [Fact]
    public void The_ratio_is_wcags()
    {
        Assert.Equal(21.0, Ratio("#000000", "#ffffff"), 2);
        Assert.Equal(1.0, Ratio("#777777", "#777777"), 2);
        Assert.Equal(4.48, Ratio("#777777", "#ffffff"), 2);
    }

    [Fact]
    public void The_dark_theme_overrides_every_colour_and_the_stylesheets_use_them()
    {
        var light = Block("html:root");
        var dark = Block("html:root:has(link[href*=\"material-dark\"])");
        Assert.Empty(light.Keys.Where(k => k.StartsWith("dashboard-", StringComparison.Ordinal)).Except(dark.Keys));

        // Radzen's own variables take these colours, so its components (muted text, chart series, header, buttons) use them.
        foreach (var (radzen, ours) in new[] { ("rz-text-secondary-color", "muted"), ("rz-series-1", "series-1"), ("rz-on-primary", "on-primary"), ("rz-header-color", "on-header") })
        {
            Assert.Equal($"var(--dashboard-{ours})", light[radzen]);
        }

        // The metric chart draws the goal line in the goal colour (not Radzen's own success colour, 2:1 in dark).
        Assert.Contains("Stroke=\"var(--dashboard-goal)\"", File.ReadAllText(SourceFile("Features", "Metrics", "MetricPage.razor")), StringComparison.Ordinal);

        var app = File.ReadAllText(WebRootFile("app.css"));
        foreach (var used in new[] { "var(--dashboard-link)", "var(--dashboard-code-text)", "var(--dashboard-code-background)", "var(--dashboard-badge-active-text)", "var(--dashboard-good)" })
        {
            Assert.Contains(used, app, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Colours(string theme)
    {
        var values = Block("html:root");
        if (theme == "dark")
        {
            foreach (var (key, value) in Block("html:root:has(link[href*=\"material-dark\"])"))
            {
                values[key] = value;
            }
        }

        return values.Where(v => v.Key.StartsWith("dashboard-", StringComparison.Ordinal))
            .ToDictionary(v => v.Key["dashboard-".Length..], v => Resolve(v.Value, values));
    }

    private static string Resolve(string value, Dictionary<string, string> values)
    {
        for (var depth = 0; depth < 10 && VarPattern().Match(value) is { Success: true } reference; depth++)
        {
            value = values[reference.Groups[1].Value];
        }

        Assert.Matches(HexPattern(), value);
        return value;
    }

    private static Dictionary<string, string> Block(string selector)
    {
        var css = File.ReadAllText(WebRootFile("theme.css"));
        var start = css.IndexOf(selector + " {", StringComparison.Ordinal);
        Assert.True(start >= 0, $"theme.css has no block '{selector}'");
        var open = css.IndexOf('{', start);
        var body = css[(open + 1)..css.IndexOf('}', open)];
        return DeclarationPattern().Matches(body).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
    }

    private static string SourceFile(params string[] parts) =>
        Path.Combine([Path.GetDirectoryName(Path.GetDirectoryName(WebRootFile("theme.css")))!, .. parts]);

    private static string WebRootFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "src", "Dashboard.Web", "wwwroot", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"wwwroot/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>WCAG 2 contrast ratio of two #rrggbb colours.</summary>
    private static double Ratio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(2)) + (0.0722 * Channel(4));
    }

    [GeneratedRegex(@"--([\w-]+)\s*:\s*([^;]+);")]
    private static partial Regex DeclarationPattern();

    [GeneratedRegex(@"^var\(--([\w-]+)\)$")]
    private static partial Regex VarPattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexPattern();
}
