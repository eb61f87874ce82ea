using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Steps for the Radzen controls of the filter builder, the customer list and the segment pages, as a user takes them:
/// a picker opened by clicking (again, if a click landed while the page re-rendered) and its item clicked by its text
/// or by the value it stands for (<c>data-value</c>), an autocomplete typed into.
/// </summary>
public static class RadzenPickerBrowserSteps
{
    private const float Timeout = 30_000;

    /// <summary>Opens <paramref name="picker"/> (a <c>RadzenDropDown</c>'s element) and clicks the item whose text is <paramref name="text"/>.</summary>
    public static async Task PickAsync(this ILocator picker, string text)
    {
        var popup = await OpenAsync(picker);
        await popup.Locator(".rz-dropdown-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(text)}\\s*$") }).First.ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(picker.Locator(".rz-dropdown-label")).ToHaveTextAsync(new Regex($"^\\s*{Regex.Escape(text)}\\s*$"), new() { Timeout = Timeout });
    }

    /// <summary>Opens <paramref name="picker"/> and clicks the item standing for <paramref name="value"/>; waits until the picker holds it.</summary>
    public static async Task PickValueAsync(this ILocator picker, string value)
    {
        var popup = await OpenAsync(picker);
        await popup.Locator($".rz-dropdown-item:has([data-value='{value}'])").First.ClickAsync(new() { Timeout = Timeout });
        await Assertions.Expect(picker).ToHaveAttributeAsync("data-value", value, new() { Timeout = Timeout });
    }

    /// <summary>The text box inside a <c>RadzenAutoComplete</c>'s element.</summary>
    public static ILocator TextBox(this ILocator autoComplete) => autoComplete.Locator("input").First;

    /// <summary>The suggestion list of a <c>RadzenAutoComplete</c> (wherever its popup is drawn).</summary>
    public static async Task<ILocator> SuggestionsAsync(this ILocator autoComplete)
    {
        var list = await autoComplete.TextBox().GetAttributeAsync("aria-controls");
        return autoComplete.Page.Locator($"[id='{list}']");
    }

    /// <summary>Clicks the picker until its popup shows: a click that lands while the page re-renders can be lost on a busy machine.</summary>
    private static async Task<ILocator> OpenAsync(ILocator picker)
    {
        var id = await picker.GetAttributeAsync("id", new() { Timeout = Timeout });
        var popup = picker.Page.Locator($"[id='popup-{id}']");
        for (var attempt = 1; ; attempt++)
        {
            await picker.ClickAsync(new() { Timeout = Timeout });
            try
            {
                await popup.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5_000 });
                return popup;
            }
            catch (TimeoutException) when (attempt < 6)
            {
            }
        }
    }
}
