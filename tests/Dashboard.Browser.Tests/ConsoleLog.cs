using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Browser.Tests;

public static class ConsoleLog
{
    /// <summary>
    /// Copies the page's console into the test's output. Pages outlive their test (the browser is shared),
    /// and a late message would otherwise throw "no currently active test" into whichever test runs next.
    /// </summary>
    public static void LogConsoleTo(this IPage page, ITestOutputHelper output)
    {
        page.Console += (_, message) =>
        {
            try
            {
                output.WriteLine($"console {message.Type}: {message.Text}");
            }
            catch (InvalidOperationException)
            {
                // The test that opened the page has ended; nobody reads its output any more.
            }
        };
    }
}
