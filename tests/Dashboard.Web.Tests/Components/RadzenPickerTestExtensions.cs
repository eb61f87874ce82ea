using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// Drives the Radzen controls the pages use as a user would, by what they show: a picker's item by its text, an
/// autocomplete's text box by typing (committed as the browser does on leaving the box or pressing Enter).
/// </summary>
public static class RadzenPickerTestExtensions
{
    /// <summary>Clicks the item of a <c>RadzenDropDown</c> (the element carrying its attributes) whose text is <paramref name="text"/>.</summary>
    public static void Pick(this IElement picker, string text)
    {
        var items = picker.QuerySelectorAll(".rz-dropdown-item");
        var item = items.SingleOrDefault(i => i.GetAttribute("aria-label") == text)
            ?? throw new InvalidOperationException($"No item \"{text}\" in the picker; it offers: {string.Join(", ", items.Select(i => i.GetAttribute("aria-label")))}");
        item.Click();
    }

    /// <summary>Clicks the item of a <c>RadzenDropDown</c> that stands for <paramref name="value"/> (its <c>data-value</c>).</summary>
    public static void PickValue(this IElement picker, string value)
    {
        var items = picker.QuerySelectorAll(".rz-dropdown-item");
        var item = items.SingleOrDefault(i => i.QuerySelector("[data-value]")?.GetAttribute("data-value") == value)
            ?? throw new InvalidOperationException($"No item for \"{value}\" in the picker; it offers: {string.Join(", ", ItemValues(picker))}");
        item.Click();
    }

    /// <summary>The values (<c>data-value</c>) a <c>RadzenDropDown</c>'s items stand for, in order.</summary>
    public static IReadOnlyList<string> ItemValues(this IElement picker) =>
        picker.QuerySelectorAll(".rz-dropdown-item [data-value]").Select(i => i.GetAttribute("data-value") ?? string.Empty).ToList();

    /// <summary>The texts of a <c>RadzenDropDown</c>'s items, in order.</summary>
    public static IReadOnlyList<string> ItemTexts(this IElement picker) =>
        picker.QuerySelectorAll(".rz-dropdown-item").Select(i => i.GetAttribute("aria-label") ?? string.Empty).ToList();

    /// <summary>Types <paramref name="text"/> into a <c>RadzenAutoComplete</c> (the element carrying its attributes) and commits it.</summary>
    public static void Type(this IElement autoComplete, string text) =>
        autoComplete.QuerySelector("input")!.Change(text);

    /// <summary>Releases a key in a control (the filter builder acts on Enter when it is released, after the browser commits the text).</summary>
    public static void KeyUp(this IElement control, string key) =>
        control.KeyUp(new KeyboardEventArgs { Key = key, Code = key });
}
