using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// Runs docs/api.md's walk-through exactly as a newcomer would paste it (bash and curl against a real Kestrel server),
/// only pointing BASE at the server and KEY at a fresh key, so the documented commands and the documented answers can
/// never drift from the API.
/// </summary>
public sealed partial class ApiWalkThroughTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_documented_curl_walk_through_gives_the_documented_mrr_for_the_utm_segment(DatabaseProvider provider)
    {
        var blocks = BashBlocks(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "api.md")), "## Walk-through with curl");
        Assert.True(blocks.Count >= 2, "docs/api.md should hold the walk-through and the mistake example as bash blocks.");

        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = await KestrelApiServer.StartAsync(database);
        var address = server.Address.ToString().TrimEnd('/');
        var secret = server.WriteKey;

        // The two lines that depend on the reader's machine, and curl told to fail on an error answer so a broken
        // step stops the script instead of scrolling past.
        var walkThrough = blocks[0];
        walkThrough = ReplaceLine(walkThrough, "BASE=", $"BASE={address}/api/v1");
        walkThrough = ReplaceLine(walkThrough, "KEY=", $"KEY={secret}");
        walkThrough = walkThrough.Replace("curl -s ", "curl -sS --fail-with-body ", StringComparison.Ordinal);
        var output = await RunBashAsync("set -euo pipefail\n" + walkThrough + "\necho\n" + blocks[1]);

        // The last call of the walk-through: the segment's MRR per month, Starter before the upgrade, Pro after it.
        var metricsAt = output.LastIndexOf("{\"metric\"", StringComparison.Ordinal);
        Assert.True(metricsAt >= 0, "The walk-through printed no metrics answer:\n" + output);
        var metricsEnd = output.IndexOf('\n', metricsAt);
        var answer = JsonNode.Parse(output[metricsAt..metricsEnd])!;
        Assert.Equal("mrr", answer["metric"]!.GetValue<string>());
        Assert.Equal("USD", answer["currency"]!.GetValue<string>());
        var values = answer["metrics"]!.AsArray().Select(p => p!["value"]!.GetValue<decimal>()).ToList();
        Assert.Equal([2900m, 2900m, 9900m, 9900m, 9900m, 9900m], values);

        // The mistake example: a problem naming the field, and nothing stored.
        var mistake = output[(metricsEnd + 1)..];
        var problem = JsonNode.Parse(mistake.Trim())!;
        Assert.Equal(404, problem["status"]!.GetValue<int>());
        Assert.Contains("enterprise", problem["errors"]!["plan_oid"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var sources = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/sources", UriKind.Relative)))!["sources"]!.AsArray();
        var source = Assert.Single(sources, s => s!["name"]!.GetValue<string>() == "My billing")!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/v1/{source}/subscriptions/sub_1", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/v1/{source}/subscriptions/sub_2", UriKind.Relative))).StatusCode);
    }

    private static List<string> BashBlocks(string markdown, string heading)
    {
        var section = markdown[markdown.IndexOf(heading, StringComparison.Ordinal)..];
        var next = section.IndexOf("\n## ", heading.Length, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        return BashBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
    }

    private static string ReplaceLine(string script, string prefix, string replacement)
    {
        var lines = script.Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(index >= 0, $"The walk-through has no line starting with {prefix}");
        lines[index] = replacement;
        return string.Join('\n', lines);
    }

    private static async Task<string> RunBashAsync(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"The walk-through failed (exit {process.ExitCode}):\n{await error}\n{await output}");
        return await output;
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
