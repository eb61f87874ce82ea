using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

public static class UrlWait
{
    /// <summary>
    /// Waits until the page's address matches. Blazor changes the address with history.pushState, often before a
    /// navigation wait is even set up on a loaded machine, and such a wait then hangs for a navigation that already
    /// happened; polling the current address sees it either way.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, Regex address, float timeout) =>
        Assertions.Expect(page).ToHaveURLAsync(address, new() { Timeout = timeout });

    /// <summary>The same for an address ending with <paramref name="pathAndQuery"/> exactly.</summary>
    public static Task WaitForAddressAsync(this IPage page, string pathAndQuery, float timeout) =>
        page.WaitForAddressAsync(new Regex(Regex.Escape(pathAndQuery) + "$"), timeout);
}
