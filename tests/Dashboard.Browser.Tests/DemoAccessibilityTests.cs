using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// axe-core on every page and every interactive state on the demo data (<see cref="DemoDataFixture"/>: 1,500 customers,
/// full tables, long lists, charts with many points), at laptop (1366x768) and phone (390x844) width, in the light and
/// the dark theme: no serious or critical violation. <see cref="AccessibilityTests"/> checks the same pages on a small
/// known data set; the states are those the screenshots show (<see cref="InteractiveStates"/>).
/// </summary>
[Collection(DemoDataCollection.Name)]
public sealed class DemoAccessibilityTests(DemoDataFixture fixture, ITestOutputHelper output)
{
    private const float Timeout = 60_000;

    private static readonly (int Width, int Height)[] Sizes = [(1366, 768), (390, 844)];

    /// <summary>Every page a signed-in owner reaches, at the addresses the menu opens (their default ranges).</summary>
    private static readonly string[] Paths =
    [
        "",
        "metrics",
        "metrics/mrr",
        "metrics/churned_mrr",
        "mrr-breakdown",
        "trials",
        "cohorts",
        "customers",
        "segments",
        "segments/compare?metric=mrr&group=plan%3Aeq%3Abasic&group=plan%3Aeq%3Apro",
        "exports",
        "import",
        "api-access",
        "settings",
        "settings/sources",
        "settings/users",
        "settings/audit-log",
        "no-such-page",
    ];

    public static TheoryData<string, int, bool> Pages() => Combine(Paths);

    public static TheoryData<string, int, bool> States() =>
        Combine(InteractiveStates.All.Select(state => state.Name).Append("customer-note"));

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_on_the_demo_data_has_no_serious_accessibility_violation(string path, int width, bool dark)
    {
        var page = await OpenAsync(path, width, dark);
        try
        {
            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/{path} on the demo data ({Describe(width, dark)})");
        }
        finally
        {
            // Each closed context ends its circuit: a hundred checks do not keep a hundred pages alive on the server.
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData(1366, false)]
    [InlineData(1366, true)]
    [InlineData(390, false)]
    [InlineData(390, true)]
    public async Task The_sign_in_page_at_both_widths_has_no_serious_accessibility_violation(int width, bool dark)
    {
        output.WriteLine($"The shared demo-data app took {fixture.SetUpTime.TotalSeconds:0} s to set up (seeding, starting, the API calls).");
        var page = await fixture.NewPageAsync(width, Height(width), dark, anonymous: true);
        try
        {
            page.LogConsoleTo(output);
            await page.GotoAsync("signin");
            await PageReady.WaitAsync(page, Timeout);
            await page.Locator("[data-testid='signin-email']").WaitForAsync(new() { Timeout = Timeout });

            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"/signin ({Describe(width, dark)})");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(States))]
    public async Task An_interactive_state_on_the_demo_data_has_no_serious_accessibility_violation(string name, int width, bool dark)
    {
        var state = name == "customer-note"
            ? InteractiveStates.CustomerTimeline(fixture.CustomerPath)
            : InteractiveStates.All.Single(s => s.Name == name);
        var page = await OpenAsync(state.Path, width, dark);
        try
        {
            await state.Enter(page);

            await AxeCheck.AssertNoSeriousViolationsAsync(page, $"{name} on /{state.Path} ({Describe(width, dark)})");
            if (name == "demo-remove-confirm")
            {
                // Left as it is found: the demo data stays for the other checks.
                await InteractiveStates.CancelDemoRemovalAsync(page);
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<IPage> OpenAsync(string path, int width, bool dark)
    {
        var page = await fixture.NewPageAsync(width, Height(width), dark);
        page.LogConsoleTo(output);
        await page.GotoAsync(path, new() { Timeout = Timeout });
        await PageReady.WaitAsync(page, Timeout);
        // The icon font in and the title set: before them an icon's ligature reads as text and the page has no name.
        await page.WaitForFunctionAsync("() => document.fonts.status === 'loaded' && document.title.trim().length > 0", null, new() { Timeout = Timeout });
        return page;
    }

    private static TheoryData<string, int, bool> Combine(IEnumerable<string> names)
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var name in names)
        {
            foreach (var (width, _) in Sizes)
            {
                if (name == "menu-open" && width > 600)
                {
                    // The drawer exists only at phone width; on a laptop the menu is a sidebar, checked with every page.
                    continue;
                }

                data.Add(name, width, false);
                data.Add(name, width, true);
            }
        }

        return data;
    }

    private static int Height(int width) => Sizes.Single(size => size.Width == width).Height;

    private static string Describe(int width, bool dark) => $"{width} px, {(dark ? "dark" : "light")}";
}
