using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Services.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// <c>GET /api/v1/audit_log</c> and the entries API writes leave. Keys get the admin access claim from their scope;
/// here a claims transformation gives it to the key named <see cref="AdminKeyName"/>, as an admin-scoped key has it.
/// </summary>
public sealed class AuditLogApiTests : IAsyncLifetime
{
    private const string AdminKeyName = "audit admin";
    private TestDatabase database = null!;
    private WebApplicationFactory<Program> factory = null!;
    private string writeKey = null!;
    private string adminKey = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in ApiServer.Settings(database, null))
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IClaimsTransformation, AdminScopeOfNamedKey>());
        });
        var keys = factory.Services.GetRequiredService<ApiKeyService>();
        writeKey = (await keys.CreateAsync("writer", readOnly: false)).Secret;
        adminKey = (await keys.CreateAsync(AdminKeyName, readOnly: false)).Secret;
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_delete_through_the_api_is_recorded_with_the_key_and_an_admin_key_reads_it_back_newest_first()
    {
        var writer = Client(writeKey);
        var source = await ApiAssert.StatusAsync(await writer.PostAsJsonAsync("/api/v1/sources", new { name = "pushed" }), HttpStatusCode.Created);
        var sourceId = long.Parse(source["source"]!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        await ApiAssert.StatusAsync(await writer.PostAsJsonAsync($"/api/v1/{sourceId}/plans",
            new { oid = "basic", name = "Basic", currency = "USD", amount = 1000, interval = "month" }), HttpStatusCode.OK);
        await ApiAssert.StatusAsync(await writer.DeleteAsync($"/api/v1/{sourceId}/plans/basic"), HttpStatusCode.Accepted);

        var deleted = Assert.Single(await factory.Services.GetRequiredService<IAuditLog>().AllAsync(AuditActions.ApiDeleted));
        Assert.Equal(("api key writer", $"plan 'basic' in source {sourceId}"), (deleted.Actor, deleted.Target));
        Assert.NotNull(deleted.ActorId);

        var all = await ApiAssert.StatusAsync(await Client(adminKey).GetAsync("/api/v1/audit_log?per_page=1"), HttpStatusCode.OK);
        var newest = Assert.Single(all["audit_log"]!.AsArray())!;
        Assert.Equal(AuditActions.ApiDeleted, (string?)newest["action"]);
        Assert.Equal("api key writer", (string?)newest["actor"]);
        Assert.True((bool)all["meta"]!["pagination"]!["has_more"]!);
        var added = await ApiAssert.StatusAsync(await Client(adminKey).GetAsync($"/api/v1/audit_log?action={AuditActions.SourceAdded}"), HttpStatusCode.OK);
        Assert.Equal($"source {sourceId} 'pushed' (api)", (string?)Assert.Single(added["audit_log"]!.AsArray())!["target"]);
    }

    [Fact]
    public async Task Only_an_admin_key_may_read_the_log_and_bad_paging_or_actions_are_named()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(null).GetAsync("/api/v1/audit_log")).StatusCode);
        var forbidden = await ApiAssert.ProblemAsync(await Client(writeKey).GetAsync("/api/v1/audit_log"), HttpStatusCode.Forbidden, "authorization");
        Assert.Contains("admin API key", forbidden.ToJsonString(), StringComparison.Ordinal);

        var admin = Client(adminKey);
        await ApiAssert.ProblemAsync(await admin.GetAsync("/api/v1/audit_log?page=-1"), HttpStatusCode.BadRequest, "page");
        await ApiAssert.ProblemAsync(await admin.GetAsync("/api/v1/audit_log?page=1000001"), HttpStatusCode.BadRequest, "page");
        await ApiAssert.ProblemAsync(await admin.GetAsync("/api/v1/audit_log?action=nope"), HttpStatusCode.BadRequest, "action");
        await ApiAssert.StatusAsync(await admin.GetAsync("/api/v1/audit_log?page=2&per_page=5"), HttpStatusCode.OK);
    }

    private HttpClient Client(string? key)
    {
        var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private sealed class AdminScopeOfNamedKey : IClaimsTransformation
    {
        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            if (ApiKeyAuthentication.KeyId(principal) is not null && principal.Identity?.Name == AdminKeyName
                && !principal.HasClaim(ApiKeyAuthentication.AccessClaim, "admin"))
            {
                principal.AddIdentity(new ClaimsIdentity([new Claim(ApiKeyAuthentication.AccessClaim, "admin")]));
            }

            return Task.FromResult(principal);
        }
    }
}
