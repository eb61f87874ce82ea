using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The filter builder in Chromium on <see cref="OverviewFixture"/>'s data set (A $10 basic, B $20 pro, C $30 business
/// pay today): a filter is built by clicking and typing, reads as a sentence, lands in the URL in its usual form, says
/// when nobody matches and is saved as a segment. Its details are tested with bUnit (FilterBuilderTests).
/// </summary>
public sealed class FilterBuilderTests(OverviewFixture fixture, ITestOutputHelper output) : IClassFixture<OverviewFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task A_filter_is_built_by_clicking_and_saved_as_a_segment()
    {
        var page = await OpenAsync("metrics/mrr", 1366, dark: false);
        var builder = page.Locator("[data-testid='filter-builder']");

        await builder.Locator("[data-testid='filter-field']").PickAsync("Plan");
        await builder.Locator("[data-testid='filter-op']").PickAsync("is");
        var value = builder.Locator("[data-testid='filter-value']");
        var suggestions = await value.SuggestionsAsync();
        Assert.Contains("business", await suggestions.Locator("[data-value]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.value)"));
        await builder.Locator("[data-testid='filter-add']").ClickAsync();
        await builder.Locator("[data-testid='filter-problem']").WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("Enter a value for Plan (or choose \"is set\").", (await builder.Locator("[data-testid='filter-problem']").InnerTextAsync()).Trim());
        Assert.Equal("true", await value.TextBox().GetAttributeAsync("aria-invalid"));

        // Typing a part of a known value offers it; a click takes it.
        await value.TextBox().ClickAsync();
        await value.TextBox().PressSequentiallyAsync("busi", new() { Delay = 50 });
        var business = suggestions.Locator("[role='option']:has([data-value='business'])");
        await business.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        await business.ClickAsync();
        await Assertions.Expect(value.TextBox()).ToHaveValueAsync("business", new() { Timeout = Timeout });
        await builder.Locator("[data-testid='filter-add']").ClickAsync();

        await page.WaitForAddressAsync(new Regex("filter=plan%3Aeq%3Abusiness"), Timeout);
        var chip = builder.Locator(".filter-chip[data-filter='plan:eq:business'] .filter-chip__text");
        await chip.WaitForAsync(new() { Timeout = Timeout });
        Assert.Equal("Plan is business", (await chip.InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("[data-testid='no-match']").CountAsync());

        await builder.Locator("[data-testid='segment-save-open']").ClickAsync();
        await builder.Locator("[data-testid='segment-save-name']").FillAsync("Business, from the MRR page");
        await builder.Locator("[data-testid='segment-save-confirm']").ClickAsync();
        await builder.Locator("[data-testid='segment-saved']").WaitForAsync(new() { Timeout = Timeout });
        await ScreenshotAsync(page, "filter-builder-light-1366");

        await builder.Locator("[data-testid='filter-field']").PickAsync("Country");
        await builder.Locator("[data-testid='filter-value']").TextBox().FillAsync("ZZ");
        await builder.Locator("[data-testid='filter-value']").TextBox().PressAsync("Enter");
        await page.Locator("[data-testid='no-match']").WaitForAsync(new() { Timeout = Timeout });
        await ScreenshotAsync(page, "filter-builder-no-match-light-1366");

        var segments = await OpenAsync("segments", 1366, dark: false);
        await segments.Locator("tr[data-segment-name='Business, from the MRR page']").WaitForAsync(new() { Timeout = Timeout });
    }

    [Fact]
    public async Task A_filter_added_in_words_changes_the_numbers_and_removing_it_brings_them_back()
    {
        var page = await OpenAsync("metrics/mrr?range=30d&interval=day", 1366, dark: false);
        var current = page.Locator("[data-testid='metric-current']");
        // A $10, B $20 and C $30 pay today.
        await Assertions.Expect(current).ToHaveTextAsync("$60.00", new() { Timeout = Timeout });
        var builder = page.Locator("[data-testid='filter-builder']");

        await builder.Locator("[data-testid='filter-field']").PickAsync("Plan");
        await builder.Locator("[data-testid='filter-op']").PickAsync("is not");
        await builder.Locator("[data-testid='filter-value']").TextBox().FillAsync("business");
        await builder.Locator("[data-testid='filter-add']").ClickAsync();

        var chip = builder.Locator(".filter-chip__text");
        await Assertions.Expect(chip).ToHaveTextAsync("Plan is not business", new() { Timeout = Timeout });
        // Without C: A and B.
        await Assertions.Expect(current).ToHaveTextAsync("$30.00", new() { Timeout = Timeout });
        await page.WaitForAddressAsync(new Regex("filter=plan%3Aneq%3Abusiness"), Timeout);

        await builder.GetByRole(AriaRole.Button, new() { Name = "Remove filter: Plan is not business" }).ClickAsync();

        await Assertions.Expect(chip).ToHaveCountAsync(0, new() { Timeout = Timeout });
        await Assertions.Expect(current).ToHaveTextAsync("$60.00", new() { Timeout = Timeout });
        Assert.DoesNotContain("filter=", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keyboard_alone_builds_a_filter_takes_a_suggestion_and_closes_the_save_form()
    {
        var page = await OpenAsync("customers", 1366, dark: false);
        var builder = page.Locator("[data-testid='filter-builder']");
        var value = builder.Locator("[data-testid='filter-value']");

        // Tab from the field (Plan) past the condition (is) to the value box.
        await builder.Locator("[data-testid='filter-field']").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(builder.Locator("[data-testid='filter-op']")).ToBeFocusedAsync(new() { Timeout = Timeout });
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(value.TextBox()).ToBeFocusedAsync(new() { Timeout = Timeout });

        // A suggestion chosen with the arrow keys is taken by Enter; the next Enter adds the filter.
        await page.Keyboard.TypeAsync("busi", new() { Delay = 50 });
        var suggestions = await value.SuggestionsAsync();
        await suggestions.Locator("[role='option']:has([data-value='business'])").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        // The box opened with every known value on focus; the typed text narrows the list a moment later (after the
        // autocomplete's delay). Arrow down only once it is narrowed, or the first item is still "basic".
        await suggestions.Locator("[role='option']:has([data-value='basic'])").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Timeout });
        await page.Keyboard.PressAsync("ArrowDown");
        // The highlighted suggestion is named by the box before Enter takes it (the server answers the arrow key first).
        await Assertions.Expect(value.TextBox()).ToHaveAttributeAsync("aria-activedescendant", new Regex("-list-0$"), new() { Timeout = Timeout });
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(value.TextBox()).ToHaveValueAsync("business", new() { Timeout = Timeout });
        Assert.DoesNotContain("filter=", page.Url, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(new Regex("filter=plan%3Aeq%3Abusiness"), Timeout);
        await Assertions.Expect(builder.Locator(".filter-chip__text")).ToHaveTextAsync("Plan is business", new() { Timeout = Timeout });

        // Escape in the segment name closes the form without saving.
        await builder.Locator("[data-testid='segment-save-open']").ClickAsync();
        await builder.Locator("[data-testid='segment-save-name']").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await builder.Locator("[data-testid='segment-save']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Timeout });
        await builder.Locator("[data-testid='segment-save-open']").WaitForAsync(new() { Timeout = Timeout });
    }

    [Theory]
    [InlineData("metrics/mrr?filter=plan%3Ain%3Abasic%7Cpro&filter=country%3Aexists%3A", 390, false)]
    [InlineData("metrics/mrr?filter=plan%3Ain%3Abasic%7Cpro&filter=country%3Aexists%3A", 390, true)]
    [InlineData("metrics/mrr?filter=plan%3Ain%3Abasic%7Cpro", 1366, true)]
    [InlineData("mrr-breakdown?filter=plan%3Aeq%3Apro", 1366, false)]
    [InlineData("cohorts?filter=plan%3Aeq%3Apro", 390, false)]
    [InlineData("customers?filter=plan%3Aeq%3Abasic", 1366, false)]
    [InlineData("segments/compare?metric=mrr&group=plan%3Aeq%3Abasic&group=plan%3Aeq%3Apro", 1366, false)]
    [InlineData("segments/compare?metric=mrr&group=plan%3Aeq%3Abasic&group=plan%3Aeq%3Apro", 390, true)]
    public async Task Filters_read_as_sentences_on_every_filtered_page(string path, int width, bool dark)
    {
        var page = await OpenAsync(path, width, dark);

        await page.Locator("[data-testid='filter-builder']").First.WaitForAsync(new() { Timeout = Timeout });
        var chips = await page.Locator(".filter-chip__text, [data-group]").AllInnerTextsAsync();
        Assert.NotEmpty(chips);
        Assert.All(chips, chip => Assert.DoesNotContain(":eq:", chip, StringComparison.Ordinal));
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow, $"/{path} scrolls sideways at {width} px");
        var name = path.Split('?')[0].Replace('/', '-');
        await ScreenshotAsync(page, $"filters-{name}-{(dark ? "dark" : "light")}-{width}");
    }

    private async Task<IPage> OpenAsync(string path, int width, bool dark)
    {
        var page = await fixture.NewPageAsync(width, width < 600 ? 844 : 900);
        page.LogConsoleTo(output);
        if (dark)
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "DashboardTheme", Value = "material-dark", Url = fixture.Server.BaseAddress.ToString() }]);
        }

        await page.GotoAsync(path);
        await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { Timeout = Timeout });
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        await page.WaitForTimeoutAsync(300);
        var path = Path.Combine(OverviewFixture.ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
