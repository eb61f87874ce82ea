using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

public static class PageReady
{
    /// <summary>
    /// Waits until a page that was just opened is as a user sees it: loaded, its interactive parts marked
    /// <c>data-interactive="true"</c> (the circuit runs) and its charts drawn. Pages without such parts are ready on load.
    /// </summary>
    public static async Task WaitAsync(IPage page, float timeout)
    {
        await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = timeout });
        if (await page.Locator("[data-interactive]").CountAsync() > 0)
        {
            await page.Locator("[data-interactive='true']").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = timeout });
        }

        // Every stylesheet applied: the theme's link can be re-rendered (dark theme) after the load event, and a check made
        // before it arrives sees light backgrounds under dark text.
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet !== null)", null, new() { Timeout = timeout });

        if (await page.Locator(".rz-chart").CountAsync() > 0)
        {
            await page.Locator(".rz-chart svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = timeout });
        }
    }
}
