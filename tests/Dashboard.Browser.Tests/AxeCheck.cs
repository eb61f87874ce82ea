using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Runs axe-core (Deque.AxeCore.Playwright) on the page as it is and fails on every serious or critical violation,
/// naming for each its rule, the elements it found and the rule's help.
/// </summary>
public static class AxeCheck
{
    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    /// <summary>
    /// The package injects axe's script through Playwright's evaluate (the DevTools protocol), which the page's
    /// Content-Security-Policy (script-src 'self') does not govern, so the check runs under the app's real policy
    /// and needs no BypassCSP context; <see cref="ContentSecurityPolicyTests"/> keeps the policy itself honest.
    /// </summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        // Settle first: Radzen charts and markers fade in, and axe would measure contrast mid-animation. The icon font
        // must be in too: axe tells an icon's ligature ("menu", "logout") from visible text only once its font renders
        // it, and before that an icon button's name seems not to contain its "text" (label-content-name-mismatch). The
        // title is written by the page once it runs; every page has one, and axe requires it.
        await page.WaitForFunctionAsync(
            """
            () => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)
                && document.fonts.status === 'loaded'
                && document.title.trim().length > 0
                && [...document.querySelectorAll('.rzi')].every(icon => {
                    const style = getComputedStyle(icon);
                    return document.fonts.check(`${style.fontSize} ${style.fontFamily}`, icon.textContent || 'x');
                })
            """,
            null, new() { Timeout = 30_000 });
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is { } impact && Blocking.Contains(impact)).ToList();
        Assert.True(blocking.Count == 0, Describe(what, blocking));
    }

    private static string Describe(string what, IReadOnlyList<AxeResultItem> violations)
    {
        var text = new StringBuilder($"{what}: {violations.Count} serious or critical accessibility violation(s)");
        foreach (var violation in violations)
        {
            text.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} [{violation.HelpUrl}]");
            foreach (var node in violation.Nodes.Take(8))
            {
                var checks = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Distinct();
                var html = node.Html.Length > 160 ? node.Html[..160] + "…" : node.Html;
                text.Append($"\n    at {node.Target}: {string.Join("; ", checks)}\n      {html}");
            }

            if (violation.Nodes.Length > 8)
            {
                text.Append($"\n    ... and {violation.Nodes.Length - 8} more");
            }
        }

        return text.ToString();
    }
}
