using System.Net;
using System.Net.Http.Json;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Tests.Api;

namespace Dashboard.Web.Tests.Exports;

/// <summary>The <c>/exports</c> endpoints: validation as problem details, key rights, partial updates, runs and files.</summary>
public sealed class ExportApiTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 16, 6, 0, 0, TimeSpan.Zero);

    private static object Body(string name = "Weekly MRR") => new
    {
        name,
        kind = "metrics",
        metrics = new[] { "mrr", "customer_churn_rate" },
        interval = "month",
        range = "previous_month",
        schedule = new { frequency = "weekly", at = "08:00", weekday = "monday" },
        deliveries = new object[] { new { type = "folder" }, new { type = "webhook", url = "https://example.com/hook", secret = "0123456789abcdef" } },
        paused = false,
    };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Exports_are_created_read_changed_run_downloaded_and_deleted(DatabaseProvider provider)
    {
        await using var server = await ExportServer.StartAsync(provider, Now);
        await server.PushBusinessAsync();

        // Anything invalid is a 400 naming the field, and nothing is stored.
        var bad = await server.Write.PostAsJsonAsync("/api/v1/exports", new
        {
            name = "Bad",
            kind = "metrics",
            metrics = new[] { "nonsense" },
            segment_id = 999,
            schedule = new { frequency = "daily", at = "8 o'clock" },
            deliveries = new object[] { new { type = "webhook", url = "not a url", secret = "0123456789abcdef" } },
        });
        var problem = await ApiAssert.ProblemAsync(bad, HttpStatusCode.BadRequest, "schedule.at");
        foreach (var field in new[] { "metrics[0]", "segment_id", "deliveries[0].url" })
        {
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), field);
        }

        await ApiAssert.ProblemAsync(await server.Write.PostAsJsonAsync("/api/v1/exports", new { name = "x", kind = "metrics", metrics = "mrr" }), HttpStatusCode.BadRequest, "metrics");
        Assert.Empty((await server.GetOkAsync("/api/v1/exports"))["exports"]!.AsArray());

        // A read-only key may not create.
        await ApiAssert.StatusAsync(await server.Read.PostAsJsonAsync("/api/v1/exports", Body()), HttpStatusCode.Forbidden);

        var created = (await server.PostOkAsync("/api/v1/exports", Body()))["export"]!;
        var id = created["id"]!.GetValue<long>();
        Assert.Equal("customer_churn_rate", created["metrics"]![1]!.GetValue<string>());
        Assert.Equal("monday", created["schedule"]!["weekday"]!.GetValue<string>());
        Assert.True(created["next_run_at"]!.GetValue<long>() > Now.ToUnixTimeSeconds());
        Assert.True(created["deliveries"]![1]!["secret_set"]!.GetValue<bool>());
        Assert.DoesNotContain("0123456789abcdef", created.ToJsonString());

        // A PUT changes only what it sends; a bad PUT changes nothing.
        var renamed = await ApiAssert.StatusAsync(await server.Write.PutAsJsonAsync($"/api/v1/exports/{id}", new { name = "Renamed" }), HttpStatusCode.OK);
        Assert.Equal(("Renamed", "08:00"), (renamed["export"]!["name"]!.GetValue<string>(), renamed["export"]!["schedule"]!["at"]!.GetValue<string>()));
        await ApiAssert.ProblemAsync(await server.Write.PutAsJsonAsync($"/api/v1/exports/{id}", new { name = "Other", range = "forever" }), HttpStatusCode.BadRequest, "range");
        Assert.Equal("Renamed", (await server.GetOkAsync($"/api/v1/exports/{id}"))["export"]!["name"]!.GetValue<string>());
        var paused = await ApiAssert.StatusAsync(await server.Write.PutAsJsonAsync($"/api/v1/exports/{id}", new { paused = true }), HttpStatusCode.OK);
        Assert.Null(paused["export"]!["next_run_at"]);

        // Running needs a read-write key; reading runs and downloading files does not.
        await ApiAssert.StatusAsync(await server.Read.PostAsync($"/api/v1/exports/{id}/run", null), HttpStatusCode.Forbidden);
        var queued = await ApiAssert.StatusAsync(await server.Write.PostAsync($"/api/v1/exports/{id}/run", null), HttpStatusCode.Accepted);
        var runId = queued["run"]!["id"]!.GetValue<long>();
        var run = await server.FinishedRunAsync(id, runId);
        Assert.Equal("succeeded", run["status"]!.GetValue<string>());
        Assert.Equal(1, run["rows"]!.GetValue<int>());

        var second = (await ApiAssert.StatusAsync(await server.Write.PostAsync($"/api/v1/exports/{id}/run", null), HttpStatusCode.Accepted))["run"]!["id"]!.GetValue<long>();
        await server.FinishedRunAsync(id, second);
        var runs = await ApiAssert.StatusAsync(await server.Read.GetAsync($"/api/v1/exports/{id}/runs"), HttpStatusCode.OK);
        Assert.Equal([second, runId], runs["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()));

        var file = await server.Read.GetAsync($"/api/v1/exports/{id}/runs/{runId}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType!.MediaType);
        Assert.True(file.Headers.CacheControl!.NoStore);
        var text = await file.Content.ReadAsStringAsync();
        Assert.Equal("date,mrr,customer_churn_rate", text.Split("\r\n")[0]);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(server.Folder.FullName, "runs", id.ToString(), runId + ".csv")), text);

        await ApiAssert.ProblemAsync(await server.Read.GetAsync($"/api/v1/exports/{id}/runs/999999"), HttpStatusCode.NotFound, "run_id");
        await ApiAssert.ProblemAsync(await server.Read.GetAsync($"/api/v1/exports/{id}/runs/999999/file"), HttpStatusCode.NotFound, "run_id");
        await ApiAssert.ProblemAsync(await server.Read.GetAsync("/api/v1/exports/999999"), HttpStatusCode.NotFound, "id");

        // Deleting needs a read-write key and removes the export with its runs.
        await ApiAssert.StatusAsync(await server.Read.DeleteAsync($"/api/v1/exports/{id}"), HttpStatusCode.Forbidden);
        await ApiAssert.StatusAsync(await server.Write.DeleteAsync($"/api/v1/exports/{id}"), HttpStatusCode.OK);
        await ApiAssert.ProblemAsync(await server.Read.GetAsync($"/api/v1/exports/{id}"), HttpStatusCode.NotFound, "id");
        await ApiAssert.ProblemAsync(await server.Read.GetAsync($"/api/v1/exports/{id}/runs/{runId}"), HttpStatusCode.NotFound, "run_id");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_export_endpoints()
    {
        await using var server = await ExportServer.StartAsync(DatabaseProvider.Sqlite, Now);
        var document = await server.GetOkAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject().ToDictionary(p => p.Key.TrimEnd('/'), p => p.Value!);

        Assert.True(paths.ContainsKey("/api/v1/exports"), string.Join(", ", paths.Keys));
        Assert.True(paths["/api/v1/exports"].AsObject().ContainsKey("post"));
        Assert.True(paths["/api/v1/exports/{id}/run"]!["post"]!["responses"]!.AsObject().ContainsKey("202"));
        Assert.True(paths["/api/v1/exports/{id}/runs/{run_id}/file"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().ContainsKey("text/csv"));
    }
}
