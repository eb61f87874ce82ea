using System.Net.Http.Json;
using System.Text;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Features.ApiAccess;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.ApiAccess;

/// <summary>Every example of the API page, sent as written to a fresh server: each must succeed.</summary>
public sealed class ApiExamplesRunTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_example_request_succeeds_in_a_sensible_order(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider);
        // An admin key may call every endpoint, the admin-only ones (API keys) included.
        var admin = await server.Services.GetRequiredService<ApiKeyService>().CreateAsync("examples", ApiKeyScope.Admin);
        var client = server.Client(admin.Secret);
        var created = await client.PostAsJsonAsync("/api/v1/sources", new { name = "examples", provider = "api" });
        var sourceId = long.Parse((await ApiAssert.StatusAsync(created, System.Net.HttpStatusCode.Created))["source"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var examples = ApiExamples.For(sourceId);
        var owner = await server.Services.GetRequiredService<UserAccounts>().CreateFirstOwnerAsync("owner@example.com", "Correct-Horse-Battery-9");
        Assert.True(owner.Succeeded, "The account for the /users examples could not be created.");

        // Writes first (in the page's order, which creates what later examples refer to), then reads, then the
        // cancellation, then deletions from the most dependent resource back (a cancellation reason once the customer
        // whose cancellation gives it is gone).
        var deleteOrder = new[] { "Refunds", "Charges", "Subscriptions", "Customers", "Cancellation insights", "Plans", "Segments" };
        var ordered = examples.Where(e => e.Method is "POST" || (e.Method == "PUT" && !e.Route.EndsWith("/cancel", StringComparison.Ordinal)))
            .Concat(examples.Where(e => e.Method == "GET"))
            .Concat(examples.Where(e => e.Route.EndsWith("/cancel", StringComparison.Ordinal)))
            .Concat(examples.Where(e => e.Method == "DELETE").OrderBy(e => Array.IndexOf(deleteOrder, e.Resource)))
            .ToList();
        Assert.Equal(examples.Count, ordered.Count);

        var failures = new List<string>();
        foreach (var example in ordered)
        {
            if (example.Route.EndsWith("/file", StringComparison.Ordinal))
            {
                // The run was queued as a background job; its file exists once the job has written it.
                var run = example.Path[..^"/file".Length];
                var state = string.Empty;
                await Dashboard.Testing.JobWaits.UntilAsync(
                    () => (state = client.GetStringAsync(run).GetAwaiter().GetResult()).Contains("\"status\":\"succeeded\"", StringComparison.Ordinal) ||
                        state.Contains("\"status\":\"failed\"", StringComparison.Ordinal),
                    () => $"{run} to finish: {state}");
                Assert.Contains("\"status\":\"succeeded\"", state, StringComparison.Ordinal);
            }

            using var request = new HttpRequestMessage(new HttpMethod(example.Method), example.Path);
            if (example.Body is not null)
            {
                request.Content = new StringContent(example.Body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{example.Method} {example.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(failures);
    }
}
