using System.Net;
using System.Net.Http.Json;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Api;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Api;

/// <summary>Key scopes (read-only, read-write, admin), the admin endpoints, and the throttle on invalid keys.</summary>
[Collection(ApiCollection.Name)]
public sealed class KeyScopeTests(ApiServers servers)
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_an_admin_key_lists_and_revokes_keys_and_the_list_never_shows_a_secret(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var keys = server.Services.GetRequiredService<ApiKeyService>();
        var admin = await keys.CreateAsync("scope admin " + provider, ApiKeyScope.Admin);
        var victim = await keys.CreateAsync("scope victim " + provider, ApiKeyScope.ReadWrite);

        foreach (var nonAdmin in new[] { server.ReadKey, server.WriteKey })
        {
            var refused = await ApiAssert.ProblemAsync(
                await server.Client(nonAdmin).GetAsync("/api/v1/api_keys"), HttpStatusCode.Forbidden, "authorization");
            Assert.Contains("admin", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            await ApiAssert.ProblemAsync(
                await server.Client(nonAdmin).DeleteAsync($"/api/v1/api_keys/{victim.Key.Id}"), HttpStatusCode.Forbidden, "authorization");
        }

        var adminClient = server.Client(admin.Secret);
        var listResponse = await adminClient.GetAsync("/api/v1/api_keys");
        var listText = await listResponse.Content.ReadAsStringAsync();
        var list = await ApiAssert.StatusAsync(listResponse, HttpStatusCode.OK);
        var listed = list["api_keys"]!.AsArray().Single(k => k!["id"]!.GetValue<long>() == victim.Key.Id)!;
        Assert.Equal(("read-write", victim.Key.Prefix), (listed["scope"]!.GetValue<string>(), listed["prefix"]!.GetValue<string>()));
        Assert.DoesNotContain(victim.Secret, listText, StringComparison.Ordinal);
        Assert.DoesNotContain(admin.Secret, listText, StringComparison.Ordinal);

        await ApiAssert.StatusAsync(await server.Client(victim.Secret).GetAsync("/api/v1/sources"), HttpStatusCode.OK);
        var revoked = await ApiAssert.StatusAsync(await adminClient.DeleteAsync($"/api/v1/api_keys/{victim.Key.Id}"), HttpStatusCode.OK);
        Assert.NotNull(revoked["api_key"]!["revoked_at"]);
        await ApiAssert.ProblemAsync(await server.Client(victim.Secret).GetAsync("/api/v1/sources"), HttpStatusCode.Unauthorized, "authorization");
        await ApiAssert.ProblemAsync(await adminClient.DeleteAsync("/api/v1/api_keys/999999"), HttpStatusCode.NotFound, "id");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_admin_key_also_reads_and_writes_and_a_read_only_key_gets_403_on_every_kind_of_write(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = await server.Services.GetRequiredService<ApiKeyService>().CreateAsync("scope writer " + provider, ApiKeyScope.Admin);
        var adminClient = server.Client(admin.Secret);
        await ApiAssert.StatusAsync(await adminClient.GetAsync("/api/v1/sources"), HttpStatusCode.OK);
        var source = await ApiAssert.StatusAsync(await adminClient.PostAsJsonAsync("/api/v1/sources", new { name = "admin-made" }), HttpStatusCode.Created);
        var sourceId = source["source"]!["id"]!.ToString();

        var reader = server.Client(server.ReadKey);
        await ApiAssert.ProblemAsync(
            await reader.PostAsJsonAsync($"/api/v1/{sourceId}/customers", new { oid = "cus_ro", name = "No" }), HttpStatusCode.Forbidden, "authorization");
        await ApiAssert.ProblemAsync(await reader.DeleteAsync($"/api/v1/{sourceId}/customers/cus_ro"), HttpStatusCode.Forbidden, "authorization");
        await ApiAssert.StatusAsync(await reader.GetAsync($"/api/v1/{sourceId}/customers"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_sending_invalid_keys_gets_429_with_retry_after_and_unknown_keys_are_not_cached()
    {
        await using var server = await ApiServer.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string>
        {
            ["Api:InvalidKeys:Attempts"] = "3",
            ["Api:InvalidKeys:Window"] = "01:00:00",
        });
        var keys = server.Services.GetRequiredService<ApiKeyService>();
        var cachedBefore = keys.CachedCount;

        for (var i = 0; i < 3; i++)
        {
            await ApiAssert.ProblemAsync(
                await server.Client(ApiKeyService.Marker + Guid.NewGuid().ToString("N")).GetAsync("/api/v1/sources"),
                HttpStatusCode.Unauthorized, "authorization");
        }

        var limited = await server.Client(ApiKeyService.Marker + Guid.NewGuid().ToString("N")).GetAsync("/api/v1/sources");
        var body = await ApiAssert.StatusAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("invalid API keys", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // One attempt comes back after a third of the hour.
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(20));
        Assert.Equal(cachedBefore, keys.CachedCount);
    }

    [Fact]
    public void The_throttle_refills_per_client_and_holds_a_bounded_number_of_clients()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new ApiOptions { InvalidKeys = { Attempts = 2, Window = TimeSpan.FromMinutes(2) } });
        var throttle = new InvalidKeyThrottle(options, clock);
        var guesser = IPAddress.Parse("10.0.0.1");
        var neighbour = IPAddress.Parse("10.0.0.2");

        throttle.RecordFailure(guesser);
        Assert.False(throttle.IsLimited(guesser, out _));
        throttle.RecordFailure(guesser);
        Assert.True(throttle.IsLimited(guesser, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);
        Assert.False(throttle.IsLimited(neighbour, out _));

        clock.Now += TimeSpan.FromMinutes(1);
        Assert.False(throttle.IsLimited(guesser, out _));

        for (var i = 0; i < InvalidKeyThrottle.MaxClients + 500; i++)
        {
            throttle.RecordFailure(new IPAddress(BitConverter.GetBytes(0x0B000000 + i)));
        }

        Assert.InRange(throttle.TrackedClients, 1, InvalidKeyThrottle.MaxClients + 1);
    }
}
