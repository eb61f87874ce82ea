using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Services.Audit;

namespace Dashboard.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class AccessTests(ApiServers servers)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task No_key_is_401_problem(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var response = await server.Client(null).GetAsync("/api/v1/sources");
        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, "authorization");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_key_is_401_problem(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await ApiAssert.ProblemAsync(await server.Client("dsk_not-a-real-key").GetAsync("/api/v1/sources"), HttpStatusCode.Unauthorized, "authorization");
        var basic = server.Client(null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        await ApiAssert.ProblemAsync(await basic.GetAsync("/api/v1/sources"), HttpStatusCode.Unauthorized, "authorization");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Revoked_key_is_401_and_keys_are_stored_hashed(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var keys = server.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync("to revoke", readOnly: false);
        var client = server.Client(created.Secret);
        await ApiAssert.StatusAsync(await client.GetAsync("/api/v1/sources"), HttpStatusCode.OK);

        await using (var db = server.Database.CreateContext())
        {
            var stored = await db.ApiKeys.SingleAsync(k => k.Id == created.Key.Id);
            Assert.NotEqual(created.Secret, stored.KeyHash);
            Assert.DoesNotContain(created.Secret, stored.KeyHash);
            Assert.Equal(64, stored.KeyHash.Length);
            Assert.StartsWith(stored.Prefix, created.Secret, StringComparison.Ordinal);
            Assert.NotNull(stored.LastUsedAt);
        }

        Assert.True(await keys.RevokeAsync(created.Key.Id));
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sources"), HttpStatusCode.Unauthorized, "authorization");
        Assert.Contains(await keys.ListAsync(), k => k.Id == created.Key.Id && k.IsRevoked);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Read_only_key_reads_but_gets_403_on_writes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = server.Client(server.ReadKey);
        await ApiAssert.StatusAsync(await client.GetAsync("/api/v1/sources"), HttpStatusCode.OK);
        await ApiAssert.StatusAsync(await client.GetAsync("/api/v1/segments"), HttpStatusCode.OK);
        var before = await CountSourcesAsync(server);
        await ApiAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/v1/sources", new { name = "read-only attempt" }), HttpStatusCode.Forbidden, "authorization");
        await ApiAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/v1/segments", new { name = "x", filters = Array.Empty<object>() }), HttpStatusCode.Forbidden, "authorization");
        Assert.Equal(before, await CountSourcesAsync(server));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rate_limit_answers_429_with_retry_after_per_key(DatabaseProvider provider)
    {
        await using var server = await ApiServer.StartAsync(provider, new Dictionary<string, string>
        {
            ["Api:RateLimit:PermitsPerSecond"] = "1",
            ["Api:RateLimit:Burst"] = "3",
        });
        var client = server.Client(server.WriteKey);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await client.GetAsync("/api/v1/sources");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After is missing");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // Another key has a bucket of its own.
        await ApiAssert.StatusAsync(await server.Client(server.ReadKey).GetAsync("/api/v1/sources"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cli_verb_prints_the_key_alone_on_its_last_line_and_the_key_works()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var output = new StringWriter();
        var dispatcher = server.Services.GetRequiredService<CliDispatcher>();
        var code = await dispatcher.RunAsync(["apikey", "create", "--name", "cli key", "--read-only"], server.Services, output, TextWriter.Null, CancellationToken.None);
        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var secret = lines[^1];
        Assert.StartsWith(ApiKeyService.Marker, secret);
        Assert.DoesNotContain(' ', secret);
        var client = server.Client(secret);
        await ApiAssert.StatusAsync(await client.GetAsync("/api/v1/sources"), HttpStatusCode.OK);
        await ApiAssert.StatusAsync(await client.PostAsJsonAsync("/api/v1/sources", new { name = "nope" }), HttpStatusCode.Forbidden);
        Assert.Contains(await server.Services.GetRequiredService<ApiKeyService>().ListAsync(), k => k.Name == "cli key" && k.IsReadOnly);
        var audit = await server.Services.GetRequiredService<IAuditLog>().AllAsync(AuditActions.ApiKeyCreated);
        Assert.Contains(audit, e => e.Actor == "command line" && e.Target == $"cli key ({secret[..12]}, read-only)");
    }

    private static async Task<int> CountSourcesAsync(ApiServer server)
    {
        await using var db = server.Database.CreateContext();
        return await db.Sources.CountAsync();
    }
}
