using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

internal static class BlazorFileInput
{
    /// <summary>
    /// Chooses a file in a Blazor <c>InputFile</c>. The component attaches its change listener from script after its
    /// first interactive render, so on a loaded machine a file set as soon as the page is interactive can go unseen;
    /// this waits until the listener is there (Blazor marks the element when it attaches it) and the input is enabled.
    /// </summary>
    public static async Task SetFileAsync(this ILocator input, FilePayload file, float timeout)
    {
        var element = await input.ElementHandleAsync(new() { Timeout = timeout });
        await input.Page.WaitForFunctionAsync(
            "element => element._blazorInputFileNextFileId !== undefined && !element.disabled", element, new() { Timeout = timeout });
        await element.SetInputFilesAsync(file);
    }
}
