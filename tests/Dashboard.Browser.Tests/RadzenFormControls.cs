using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Driving the forms' Radzen controls as a person does: a dropdown is opened and an entry clicked, a checkbox is the
/// element with role "checkbox" (its input is hidden), a date picker's text box is typed into and left.
/// </summary>
public static class RadzenFormControls
{
    private const float Timeout = 60_000;

    /// <summary>
    /// Opens the dropdown (clicking until its popup shows: a click that lands while the circuit re-renders can be
    /// lost on a busy machine), clicks the entry shown as <paramref name="text"/> and waits until the dropdown shows it.
    /// </summary>
    public static async Task ChooseRadzenItemAsync(this IPage page, ILocator dropdown, string text)
    {
        var item = page.Locator($".rz-popup:visible .rz-dropdown-item[aria-label='{text}']");
        for (var attempt = 1; ; attempt++)
        {
            await dropdown.ClickAsync();
            try
            {
                await item.WaitForAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 6)
            {
            }
        }

        await item.ClickAsync();
        await Assertions.Expect(dropdown.Locator(".rz-dropdown-label")).ToHaveTextAsync(text, new() { Timeout = Timeout });
    }

    /// <summary>Ticks or unticks a Radzen checkbox (the element with role "checkbox") and waits until it says so.</summary>
    public static async Task SetRadzenCheckBoxAsync(this ILocator checkbox, bool ticked)
    {
        var wanted = ticked ? "true" : "false";
        if (await checkbox.GetAttributeAsync("aria-checked") != wanted)
        {
            await checkbox.ClickAsync();
        }

        await Assertions.Expect(checkbox).ToHaveAttributeAsync("aria-checked", wanted, new() { Timeout = Timeout });
    }

    /// <summary>Types a day into a Radzen date picker's text box and leaves it (the picker reads the text on change).</summary>
    public static async Task TypeRadzenDateAsync(this ILocator picker, string day)
    {
        var input = picker.Locator("input");
        await input.FillAsync(day);
        await input.PressAsync("Tab");
    }
}
