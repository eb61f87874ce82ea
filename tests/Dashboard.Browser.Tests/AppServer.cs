using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Browser.Tests;

/// <summary>
/// The real app, started from its build output as its own process on a free 127.0.0.1 port, in the Production
/// environment, as `dotnet run` starts it (the build's static web assets, Radzen's _content included, are served there too).
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log;

    private AppServer(Process process, StringBuilder log, Uri baseAddress)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>
    /// How long set-up may wait for the app to answer or a verb to finish. It bounds a failure, not a measurement: on a
    /// busy shared machine a start with demo data can take minutes, and a healthy run never waits for the bound.
    /// </summary>
    public static readonly TimeSpan SetUpTimeout = TimeSpan.FromMinutes(5);

    public static async Task<AppServer> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var appPath = FindApp();
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(process, log, baseAddress);

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} before answering:\n{server.Log}");
            }

            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly.
            }

            await Task.Delay(250);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"The app did not answer /healthz within {timeout}:\n{server.Log}");
    }

    /// <summary>
    /// Runs a command-line verb of the app (<c>Dashboard.Web user create ...</c>) as its own process with
    /// <paramref name="environment"/> and returns its exit code and output; throws when it does not exit in time.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunVerbAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var appPath = FindApp();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not exit within {timeout}.");
        }

        return (process.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>The app's build output next to this test assembly's: artifacts/bin/Dashboard.Web/&lt;configuration&gt;/.</summary>
    private static string FindApp()
    {
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testDirectory.Name;
        var binDirectory = testDirectory.Parent!.Parent!.FullName;
        var appPath = Path.Combine(binDirectory, "Dashboard.Web", configuration, "Dashboard.Web.dll");
        return File.Exists(appPath)
            ? appPath
            : throw new FileNotFoundException($"The app's build output is missing at {appPath}: build the solution first.", appPath);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
