using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The states a founder reaches by pointing and clicking, brought about on an open page as a person would (hover, focus,
/// click) and waited for by what they show (a visible tooltip, an open dialog), never by a pause. <see cref="ScreenshotTool"/>
/// photographs them and <see cref="DemoAccessibilityTests"/> runs axe on them, both on the demo data. Each state asserts
/// roles and states, not texts, which other parts of the app own.
/// </summary>
public static class InteractiveStates
{
    private const float Timeout = 60_000;

    /// <summary>The note written on the first customer's timeline and the annotation on the MRR chart (see <see cref="SetUpAsync"/>).</summary>
    public const string CustomerNote = "Asked for an annual invoice from next month";
    public const string AnnotationText = "Price change for the pro plan";

    /// <summary>A state: its name in file names and messages, the address it starts from, and the steps that bring it about.</summary>
    public sealed record State(string Name, string Path, Func<IPage, Task> Enter, bool PhoneOnly = false, bool WholePage = false)
    {
        public override string ToString() => Name;
    }

    /// <summary>
    /// The states, in the order the screenshot tool takes them. The customer page is the first customer of the list (its
    /// address is only known once the app runs), so its state is made by <see cref="CustomerTimeline"/>.
    /// </summary>
    public static IReadOnlyList<State> All { get; } =
    [
        new("overview-tooltip", "", OverviewTooltipAsync),
        new("overview-goal", "", OverviewGoalAsync),
        // Active customers: the MRR page carries the goal, whose dashed line lies near the last points and takes the hover.
        new("metric-tooltip", "metrics/active_customers", MetricTooltipAsync),
        new("metric-mrr-goal", "metrics/mrr", MetricGoalAsync),
        new("metric-mrr-annotation", "metrics/mrr", AnnotationAsync),
        new("drill-down", "metrics/new_customers", DrillDownAsync, WholePage: true),
        new("demo-remove-confirm", "", DemoRemoveConfirmationAsync),
        new("filter-suggestions", "metrics/mrr", FilterSuggestionsAsync),
        new("menu-open", "", MenuOpenAsync, PhoneOnly: true),
    ];

    public static State CustomerTimeline(string customerPath) => new("customer-note", customerPath, TimelineNoteAsync, WholePage: true);

    /// <summary>
    /// What the states need, made through the app's own REST API (a goal on MRR a third of the way along and an annotation
    /// on its chart) with <paramref name="api"/>, a client holding a key that may write.
    /// </summary>
    public static async Task SetUpAsync(HttpClient api, DateOnly today)
    {
        using var mrr = await api.GetFromJsonAsync<System.Text.Json.JsonDocument>(
            $"api/v1/metrics/mrr?start_date={Day(today.AddDays(-30))}&end_date={Day(today)}&interval=month");
        var current = LastValue(mrr!);
        using var goal = await api.PostAsJsonAsync("api/v1/goals", new Dictionary<string, object>
        {
            ["name"] = "Grow MRR by half",
            ["metric"] = "mrr",
            ["start_amount"] = current * 9 / 10,
            ["end_amount"] = current * 3 / 2,
            ["start_date"] = Day(today.AddDays(-60)),
            ["end_date"] = Day(today.AddDays(240)),
        });
        Assert.True(goal.IsSuccessStatusCode, await goal.Content.ReadAsStringAsync());
        using var annotation = await api.PostAsJsonAsync("api/v1/annotations", new Dictionary<string, object>
        {
            ["metric"] = "mrr",
            ["annotation"] = AnnotationText,
            ["date"] = Day(today.AddDays(-75)),
            ["global"] = true,
        });
        Assert.True(annotation.IsSuccessStatusCode, await annotation.Content.ReadAsStringAsync());
    }

    /// <summary>Writes <see cref="CustomerNote"/> on the customer page open in <paramref name="page"/> through its note form, as an owner does.</summary>
    public static async Task AddCustomerNoteAsync(IPage page)
    {
        var form = page.Locator("[data-testid='note-form']");
        await form.WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("[data-testid='note-text'], [data-testid='note-text'] textarea").Last.FillAsync(CustomerNote);
        await page.Locator("[data-testid='note-add']").ClickAsync();
        await page.Locator("[data-testid='customer-timeline'] .timeline-entry[data-kind='note']").First.WaitForAsync(new() { Timeout = Timeout });
    }

    /// <summary>The Overview's MRR chart with the tooltip of its last bucket showing.</summary>
    private static async Task OverviewTooltipAsync(IPage page)
    {
        var last = page.Locator("section.chart-card .mrr-chart__column").Last;
        await HoverUntilVisibleAsync(page, last, last.Locator("[data-testid='chart-tooltip']"));
    }

    /// <summary>The MRR card with its goal's progress in view.</summary>
    private static async Task OverviewGoalAsync(IPage page)
    {
        var goal = page.Locator(".kpi-card[data-metric='mrr'] [data-testid='kpi-goal']");
        await goal.WaitForAsync(new() { Timeout = Timeout });
        Assert.NotNull(await goal.GetAttributeAsync("data-goal-percent"));
        await goal.ScrollIntoViewIfNeededAsync();
    }

    /// <summary>A metric chart with the tooltip of its last point showing.</summary>
    private static async Task MetricTooltipAsync(IPage page)
    {
        await ChartSettledAsync(page);
        var chart = page.Locator("section.metric-chart .metric-chart__canvas");
        await chart.ScrollIntoViewIfNeededAsync();
        // Radzen draws a chart's tooltip in a popup of its own, outside the chart's section.
        var tooltip = page.Locator("[data-testid='chart-tooltip']:visible").First;
        for (var attempt = 1; ; attempt++)
        {
            // The rightmost point drawn inside the window (at phone width the chart is clipped by its own scroller).
            var point = await page.EvaluateAsync<double[]?>(
                "() => { const shapes = [...document.querySelectorAll('section.metric-chart svg .rz-marker *, section.metric-chart svg circle')]" +
                ".map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight);" +
                " if (shapes.length === 0) return null; const r = shapes.reduce((a, b) => b.left > a.left ? b : a); return [r.left + r.width / 2, r.top + r.height / 2]; }");
            Assert.True(point is { Length: 2 }, "The metric chart shows no point inside the window.");
            await page.Mouse.MoveAsync((float)point[0], (float)point[1]);
            try
            {
                await tooltip.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 6)
            {
                await page.Mouse.MoveAsync(0, 0);
            }
        }
    }

    /// <summary>The MRR page with its goal: the progress line above the chart and the dashed target line on it.</summary>
    private static async Task MetricGoalAsync(IPage page)
    {
        var progress = page.Locator("[data-testid='goal-progress']");
        await progress.WaitForAsync(new() { Timeout = Timeout });
        Assert.NotNull(await progress.GetAttributeAsync("data-goal-percent"));
        // The goal is its own series: the chart draws a dashed line besides the metric's.
        await page.Locator("section.metric-chart svg path[stroke-dasharray]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        await ChartSettledAsync(page);
        await progress.ScrollIntoViewIfNeededAsync();
    }

    /// <summary>The annotation's marker on the MRR chart with its note open (by focus, as a keyboard user opens it).</summary>
    private static async Task AnnotationAsync(IPage page)
    {
        await ChartSettledAsync(page);
        var marker = page.Locator("section.metric-chart [data-testid='annotation-marker']").First;
        await marker.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("note", await marker.GetAttributeAsync("role"));
        await marker.FocusAsync();
        await marker.Locator("[data-testid='annotation-tip']").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
    }

    /// <summary>
    /// The customers behind the busiest month of a flow metric (new customers by month): a click on its row opens the
    /// list, the pager shows it holds more than a page, and its second page is shown.
    /// </summary>
    private static async Task DrillDownAsync(IPage page)
    {
        var rows = page.Locator("table[data-testid='metric-table'] tbody tr");
        await rows.First.WaitForAsync(new() { Timeout = Timeout });
        var values = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.value ?? '0')");
        var busiest = Array.IndexOf(values, values.MaxBy(v => decimal.Parse(v, CultureInfo.InvariantCulture)));
        await rows.Nth(busiest).ClickAsync();
        var drill = page.Locator($"[data-testid='drill-down'][data-value='{values[busiest]}']");
        await drill.WaitForAsync(new() { Timeout = Timeout });
        var pager = drill.Locator("[data-testid='drill-pager']");
        await pager.WaitForAsync(new() { Timeout = Timeout });
        await pager.Locator("[data-testid='page-next']").ClickAsync();
        await drill.Locator("[data-testid='drill-pager'][data-page='2']").WaitForAsync(new() { Timeout = Timeout });
        await drill.ScrollIntoViewIfNeededAsync();
    }

    /// <summary>The "remove demo data" confirmation opened from the banner (taken, then left with <see cref="CancelDemoRemovalAsync"/>).</summary>
    private static async Task DemoRemoveConfirmationAsync(IPage page)
    {
        await page.Locator("[data-testid='demo-banner'] [data-testid='demo-remove']").ClickAsync();
        var dialog = page.Locator("[data-testid='demo-remove-confirmation']");
        await dialog.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("alertdialog", await dialog.GetAttributeAsync("role"));
        await dialog.ScrollIntoViewIfNeededAsync();
    }

    /// <summary>Closes the confirmation with its cancel button: the demo data stays.</summary>
    public static async Task CancelDemoRemovalAsync(IPage page)
    {
        await page.Locator("[data-testid='demo-remove-cancel']").ClickAsync();
        await page.Locator("[data-testid='demo-remove-confirmation']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Timeout });
        await page.Locator("[data-testid='demo-banner'] [data-testid='demo-remove']").WaitForAsync(new() { Timeout = Timeout });
    }

    /// <summary>The filter builder on a metric page with a field picked and its value box open on the known values.</summary>
    private static async Task FilterSuggestionsAsync(IPage page)
    {
        var builder = page.Locator("[data-testid='filter-builder']").First;
        await builder.Locator("[data-testid='filter-field']").PickValueAsync("plan");
        var value = builder.Locator("[data-testid='filter-value']");
        var suggestions = await value.SuggestionsAsync();
        var option = suggestions.Locator("[role='option']").First;
        for (var attempt = 1; ; attempt++)
        {
            await value.TextBox().ClickAsync();
            try
            {
                await option.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 6)
            {
                // The click landed while the builder re-rendered for the new field: leave the box and click again.
                await page.Keyboard.PressAsync("Escape");
            }
        }

        Assert.Equal("true", await value.TextBox().GetAttributeAsync("aria-expanded"));
    }

    /// <summary>At phone width, the menu drawer opened over the page.</summary>
    private static async Task MenuOpenAsync(IPage page)
    {
        var toggle = page.Locator("[data-testid='nav-drawer-toggle']");
        await toggle.ClickAsync();
        await page.Locator("[data-testid='nav-drawer']").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true", new() { Timeout = Timeout });
        await page.Locator("[data-testid='nav-drawer'] a").First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
    }

    /// <summary>The customer's timeline with the note written on it in view.</summary>
    private static async Task TimelineNoteAsync(IPage page)
    {
        var note = page.Locator("[data-testid='customer-timeline'] .timeline-entry[data-kind='note']").First;
        await note.WaitForAsync(new() { Timeout = Timeout });
        await note.ScrollIntoViewIfNeededAsync();
    }

    /// <summary>
    /// Hovers <paramref name="target"/> until <paramref name="shown"/> is visible: a hover that lands while the chart
    /// re-renders is lost, so the mouse leaves and comes back.
    /// </summary>
    private static async Task HoverUntilVisibleAsync(IPage page, ILocator target, ILocator shown)
    {
        for (var attempt = 1; ; attempt++)
        {
            await target.HoverAsync(new() { Force = true, Timeout = Timeout });
            try
            {
                await shown.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 6)
            {
                await page.Mouse.MoveAsync(0, 0);
            }
        }
    }

    /// <summary>The chart is drawn and its markers have popped in (a hover during their animation can miss them).</summary>
    private static async Task ChartSettledAsync(IPage page)
    {
        await page.Locator("section.metric-chart svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        await page.WaitForFunctionAsync(
            "() => document.querySelector('section.metric-chart').getAnimations({ subtree: true }).every(a => a.playState !== 'running')",
            null, new() { Timeout = Timeout });
    }

    private static long LastValue(System.Text.Json.JsonDocument metric)
    {
        var points = metric.RootElement.GetProperty("metrics");
        return points[points.GetArrayLength() - 1].GetProperty("value").GetInt64();
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
