using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Every main page at a phone's width (390x844): the page itself never scrolls sideways (wide tables and charts scroll
/// inside their own container instead).
/// </summary>
public sealed class PhoneWidthTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Theory]
    [InlineData("")]
    [InlineData("metrics")]
    [InlineData("metrics/mrr")]
    [InlineData("metrics/ltv")]
    [InlineData("metrics/customer_churn_rate")]
    [InlineData("mrr-breakdown")]
    [InlineData("cohorts")]
    [InlineData("segments")]
    [InlineData("segments/compare")]
    [InlineData("customers")]
    [InlineData("settings")]
    [InlineData("settings/sources")]
    [InlineData("settings/users")]
    [InlineData("settings/audit-log")]
    [InlineData("exports")]
    [InlineData("import")]
    [InlineData("api-access")]
    public async Task Page_does_not_scroll_sideways_at_phone_width(string path) => await AssertFitsAsync(path, 390, 844, dark: false);

    [Theory]
    [InlineData("")]
    [InlineData("metrics/mrr")]
    [InlineData("cohorts")]
    [InlineData("customers")]
    [InlineData("settings")]
    public async Task Page_fits_a_laptop_in_the_dark_theme(string path) => await AssertFitsAsync(path, 1366, 900, dark: true);

    [Fact]
    public async Task At_phone_width_the_menu_is_a_drawer_over_the_page_that_closes_on_navigation_outside_click_and_escape()
    {
        var page = await fixture.NewPageAsync(390, 844);
        page.LogConsoleTo(output);
        await page.GotoAsync("");
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
        var drawer = page.Locator("[data-testid='nav-drawer']");
        var toggle = page.Locator("[data-testid='nav-drawer-toggle']");

        // Closed, the page has the whole width.
        Assert.False(await drawer.IsVisibleAsync());
        var main = await page.Locator("main").BoundingBoxAsync();
        Assert.True(main!.Width >= 380, $"main is {main.Width} px wide at 390 px");
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-expanded"));

        // Open, it lies over the page, which keeps its width and place.
        await toggle.ClickAsync();
        await drawer.Locator("text=Customers").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
        var over = await drawer.BoundingBoxAsync();
        var mainWhileOpen = await page.Locator("main").BoundingBoxAsync();
        Assert.Equal(main.Width, mainWhileOpen!.Width, 0.5);
        Assert.Equal(main.X, mainWhileOpen.X, 0.5);
        Assert.True(over!.Width is >= 200 and < 390, $"the drawer is {over.Width} px wide");
        Assert.Equal("fixed", await drawer.EvaluateAsync<string>("e => getComputedStyle(e).position"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(OverviewFixture.ScreenshotDirectory, "light-390-menu-open.png") });

        // A link navigates and closes it.
        await drawer.GetByText("Customers", new() { Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/customers", new() { Timeout = Timeout });
        await drawer.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = Timeout });

        // A click beside it closes it, and so does Escape.
        await toggle.ClickAsync();
        await drawer.Locator("text=Overview").WaitForAsync(new() { Timeout = Timeout });
        await page.Mouse.ClickAsync(385, 600);
        await drawer.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = Timeout });
        Assert.Contains("/customers", page.Url, StringComparison.Ordinal);

        await toggle.ClickAsync();
        await drawer.Locator("text=Overview").WaitForAsync(new() { Timeout = Timeout });
        await drawer.GetByText("Overview", new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await drawer.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = Timeout });
    }

    [Fact]
    public async Task On_a_laptop_the_sidebar_stays_beside_the_page()
    {
        var page = await fixture.NewPageAsync(1366, 900);
        await page.GotoAsync("");
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });

        // The sidebar takes its width as the layout settles (Radzen sizes it from script): wait for the settled layout
        // instead of measuring one instant, then check it.
        await page.WaitForFunctionAsync(
            "() => { const s = document.querySelector(\"[data-testid='nav-drawer']\")?.getBoundingClientRect(); const b = document.querySelector('.rz-body')?.getBoundingClientRect(); return !!s && !!b && s.width > 150 && s.width < 600 && b.x >= s.x + s.width - 1; }",
            null, new() { Timeout = Timeout });
        var sidebar = await page.Locator("[data-testid='nav-drawer']").BoundingBoxAsync();
        var body = await page.Locator(".rz-body").BoundingBoxAsync();

        Assert.False(await page.Locator("[data-testid='nav-drawer-toggle']").IsVisibleAsync());
        Assert.True(sidebar!.Width > 150, $"the sidebar is {sidebar.Width} px wide");
        Assert.True(body!.X >= sidebar.X + sidebar.Width - 1, $"the body starts at {body.X}, the sidebar ends at {sidebar.X + sidebar.Width}");
    }

    private async Task AssertFitsAsync(string path, int width, int height, bool dark)
    {
        var page = await fixture.NewPageAsync(width, height);
        if (dark)
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = fixture.Server.BaseAddress.ToString() }]);
        }

        page.LogConsoleTo(output);
        await page.GotoAsync(path);
        await page.Locator("main").WaitForAsync(new() { Timeout = Timeout });
        var interactive = page.Locator("[data-interactive]");
        if (await interactive.CountAsync() > 0)
        {
            await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });
        }

        // Every visible form field has a name a screen reader can announce.
        var unlabelled = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main input, main select, main textarea')]" +
            ".filter(e => e.type !== 'hidden' && e.offsetParent !== null)" +
            ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.title)" +
            ".map(e => e.outerHTML.slice(0, 120)).join(' | ')");
        Assert.True(unlabelled.Length == 0, $"/{path} has form fields without a label: {unlabelled}");
        var name = path.Length == 0 ? "overview" : path.Replace('/', '-');
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(OverviewFixture.ScreenshotDirectory, $"{(dark ? "dark" : "light")}-{width}-{name}.png"), FullPage = true });
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var wide = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
            ".slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
        Assert.True(widths[0] <= widths[1], $"/{path} is {widths[0]} px wide at a {widths[1]} px viewport; wider elements: {wide}");

        // The layout scrolls inside its body, so the document never grows: also look for content that sticks out of the
        // viewport without a container of its own that scrolls it sideways (cut off where a user cannot reach it).
        var cutOff = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
            ".filter(e => { for (let a = e.parentElement; a && a.tagName !== 'MAIN'; a = a.parentElement) { if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return false; } return true; })" +
            ".slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
        Assert.True(cutOff.Length == 0, $"/{path} has content past the {widths[1]} px viewport that nothing scrolls: {cutOff}");
        if (dark)
        {
            // Relative luminance (WCAG) of each visible link's text colour: dark-theme links must stay readable on the near-black page.
            var dimLinks = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('main a')].filter(a => a.offsetParent !== null).filter(a => {" +
                " const [r, g, b] = getComputedStyle(a).color.match(/[\\d.]+/g).slice(0, 3).map(v => { v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });" +
                " return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.15; }).map(a => a.textContent.trim() + ' ' + getComputedStyle(a).color).join(', ')");
            Assert.True(dimLinks.Length == 0, $"/{path} has links too dark for the dark theme: {dimLinks}");
        }
    }
}
