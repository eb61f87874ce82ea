using System.Net;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Auth.AuthWebApp;

namespace Dashboard.Web.Tests.Auth;

/// <summary>
/// Who may use what, generated from the app's own endpoint list (every route endpoint, Razor component pages included):
/// each one must carry an explicit rule (a policy or [AllowAnonymous]), that rule must be the one listed here, and every
/// page and GET endpoint answers anonymous visitors, viewers, admins and owners as its rule says. A new page or endpoint
/// fails these tests until it states its rule and is added to <see cref="Expected"/> (and to docs/security.md).
/// </summary>
public sealed class RouteMatrixTests : IAsyncLifetime
{
    private const string Password = "Matrix-pass-1";
    private const string Anonymous = "anonymous";

    /// <summary>Every route outside the REST API and the static files, with its rule.</summary>
    private static readonly Dictionary<string, AccessRule> Expected = new(StringComparer.Ordinal)
    {
        ["/"] = AccessRule.Read,
        ["/mrr-breakdown"] = AccessRule.Read,
        ["/metrics"] = AccessRule.Read,
        ["/metrics/{Name}"] = AccessRule.Read,
        ["/customers"] = AccessRule.Read,
        ["/customers/{Id}"] = AccessRule.Read,
        ["/cohorts"] = AccessRule.Read,
        ["/trials"] = AccessRule.Read,
        ["/segments"] = AccessRule.Read,
        ["/segments/compare"] = AccessRule.Read,
        ["/api-access"] = AccessRule.Read,
        ["/export/metrics/{file}"] = AccessRule.Read,
        ["/export/metrics/{name}/customers.csv"] = AccessRule.Read,
        ["/export/customers.csv"] = AccessRule.Read,
        ["/export/mrr-breakdown.csv"] = AccessRule.Read,
        ["/import"] = AccessRule.Manage,
        ["/exports"] = AccessRule.Read,
        ["/exports/{id:long}/runs/{file}"] = AccessRule.Read,
        ["/settings"] = AccessRule.Manage,
        ["/settings/sources"] = AccessRule.Manage,
        ["/settings/users"] = AccessRule.Manage,
        ["/settings/audit-log"] = AccessRule.Owner,
        ["/settings/demo-data"] = AccessRule.Owner,
        ["/jobs/{**path}"] = AccessRule.Manage,
        ["/access-denied"] = AccessRule.Read,
        ["/signin"] = AccessRule.Anonymous,
        ["/setup"] = AccessRule.Anonymous,
        ["/signout"] = AccessRule.Anonymous,
        ["/error"] = AccessRule.Anonymous,
        ["/not-found"] = AccessRule.Anonymous,
        ["/healthz"] = AccessRule.Anonymous,
        ["/openapi/{documentName}.json"] = AccessRule.Anonymous,
        ["/webhooks/{provider}/{sourceId:long}"] = AccessRule.Anonymous,
        ["/_blazor"] = AccessRule.Read,
        ["/_blazor/negotiate"] = AccessRule.Read,
        ["/_blazor/initializers/"] = AccessRule.Read,
        ["/_blazor/disconnect/"] = AccessRule.Read,
        ["/_framework/opaque-redirect"] = AccessRule.Read,

        // Static assets' runtime fallback for files missing from the build manifest: the framework adds it without the
        // conventions of MapStaticAssets, so it carries no rule and the fallback policy (read) applies to it.
        ["/{**path:file}"] = AccessRule.None,
    };

    /// <summary>What to GET for a route with parameters.</summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["/metrics/{Name}"] = "/metrics/mrr",
        ["/customers/{Id}"] = "/customers/1",
        ["/export/metrics/{file}"] = "/export/metrics/mrr.csv",
        ["/export/metrics/{name}/customers.csv"] = "/export/metrics/new_mrr/customers.csv?from=2026-11-01&to=2026-11-30",
        ["/jobs/{**path}"] = "/jobs",
        ["/exports/{id:long}/runs/{file}"] = "/exports/1/runs/1.csv",
        ["/openapi/{documentName}.json"] = "/openapi/v1.json",
        ["/{**path:file}"] = "/no-such-file.txt",
    };

    private AuthWebApp app = null!;
    private readonly Dictionary<string, HttpClient> clients = [];

    public enum AccessRule
    {
        /// <summary>No rule at all: only the fallback policy (read) applies. Allowed only where listed.</summary>
        None,
        Anonymous,
        SignedIn,
        Read,
        Manage,

        /// <summary>Manage, and the owner role besides.</summary>
        Owner,
        ApiKey,
    }

    public async Task InitializeAsync()
    {
        app = await AuthWebApp.StartAsync();
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        clients[Anonymous] = app.Browser();
        foreach (var role in DashboardRoles.All)
        {
            Assert.True((await accounts.CreateAsync($"{role}@example.com", Password, role, AccountActor.CommandLine)).Succeeded);
            var client = app.Browser();
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, $"{role}@example.com", Password)).StatusCode);
            clients[role] = client;
        }
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public void Every_endpoint_states_its_rule_and_it_is_the_listed_one()
    {
        var endpoints = RouteEndpoints();
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = Pattern(endpoint);
            var rule = RuleOf(endpoint);
            var expected = Expect(endpoint);
            if (rule != expected)
            {
                problems.Add($"{pattern} ({endpoint.DisplayName}): has {rule}, expected {expected?.ToString() ?? "an entry in the route matrix"}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // The list names nothing the app no longer has.
        var patterns = endpoints.Select(Pattern).ToHashSet(StringComparer.Ordinal);
        var stale = Expected.Keys.Where(key => !patterns.Contains(key)).ToList();
        Assert.True(stale.Count == 0, "listed but not in the app: " + string.Join(", ", stale));
        Assert.Contains(endpoints, e => Pattern(e).StartsWith("/api/v1/", StringComparison.Ordinal));
        Assert.Contains(endpoints, e => Pattern(e).StartsWith("/v1/", StringComparison.Ordinal));
    }

    [Fact]
    public void An_endpoint_without_a_rule_is_caught()
    {
        var bare = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/new-page"), 0, EndpointMetadataCollection.Empty, "new page");
        var onlyFallback = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/"), 0, EndpointMetadataCollection.Empty, "overview without its attribute");

        Assert.Equal(AccessRule.None, RuleOf(bare));
        Assert.Null(Expect(bare));
        Assert.NotEqual(Expect(onlyFallback), RuleOf(onlyFallback));
    }

    [Fact]
    public async Task Every_page_and_get_endpoint_answers_each_role_as_its_rule_says()
    {
        var problems = new List<string>();
        var checkedPaths = 0;
        foreach (var endpoint in RouteEndpoints().Where(IsGettable).DistinctBy(Pattern))
        {
            var pattern = Pattern(endpoint);
            if (!Samples.TryGetValue(pattern, out var path))
            {
                Assert.True(endpoint.RoutePattern.Parameters.Count == 0, $"{pattern} has parameters: add a sample address for it to the route matrix.");
                path = pattern;
            }

            var rule = Expect(endpoint) ?? AccessRule.None;
            foreach (var (who, client) in clients)
            {
                var response = await client.GetAsync(path);
                var outcome = Outcome(response);
                var expected = ExpectedOutcome(rule, who);
                if (outcome != expected)
                {
                    problems.Add($"GET {path} as {who}: {outcome} ({(int)response.StatusCode} {Location(response)}), expected {expected}");
                }
            }

            checkedPaths++;
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(checkedPaths >= 20, $"only {checkedPaths} routes were checked");
    }

    [Fact]
    public async Task Cookies_do_not_open_the_rest_api_whatever_the_role()
    {
        foreach (var (who, client) in clients)
        {
            foreach (var path in new[] { "/api/v1/sources", "/v1/sources" })
            {
                var response = await client.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"GET {path} as {who}: {(int)response.StatusCode}");
            }
        }
    }

    private enum Answer
    {
        Allowed,
        SentToSignIn,
        Denied,
    }

    private static Answer ExpectedOutcome(AccessRule rule, string who) => (rule, who) switch
    {
        (AccessRule.Anonymous, _) => Answer.Allowed,
        (AccessRule.ApiKey, _) => Answer.SentToSignIn,
        (_, Anonymous) => Answer.SentToSignIn,
        (AccessRule.Manage, DashboardRoles.Viewer) => Answer.Denied,
        (AccessRule.Owner, DashboardRoles.Viewer or DashboardRoles.Admin) => Answer.Denied,
        _ => Answer.Allowed,
    };

    private static Answer Outcome(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized => Answer.SentToSignIn,
        HttpStatusCode.Forbidden => Answer.Denied,
        HttpStatusCode.Redirect when Location(response)?.StartsWith("/signin?ReturnUrl=", StringComparison.Ordinal) == true => Answer.SentToSignIn,
        HttpStatusCode.Redirect when Location(response)?.StartsWith("/access-denied", StringComparison.Ordinal) == true => Answer.Denied,
        _ => Answer.Allowed,
    };

    private List<RouteEndpoint> RouteEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .ToList();

    private static string Pattern(RouteEndpoint endpoint)
    {
        var raw = endpoint.RoutePattern.RawText ?? string.Empty;
        return raw.StartsWith('/') ? raw : "/" + raw;
    }

    /// <summary>The rule the listing expects: the REST API by its prefix (its keys), everything else by name.</summary>
    private static AccessRule? Expect(RouteEndpoint endpoint)
    {
        var pattern = Pattern(endpoint);
        return IsRestApi(pattern) ? AccessRule.ApiKey
            : Expected.TryGetValue(pattern, out var rule) ? rule
            : null;
    }

    /// <summary>The rule an endpoint's metadata states; the fallback policy does not count as one.</summary>
    public static AccessRule RuleOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return AccessRule.Anonymous;
        }

        var rules = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        var policies = rules.Select(r => r.Policy).Where(p => p is not null).ToHashSet(StringComparer.Ordinal);
        var ownersOnly = rules.Any(r => r.Roles == DashboardRoles.Owner);
        return policies.Contains(DashboardPolicies.Manage) && ownersOnly ? AccessRule.Owner
            : policies.Contains(DashboardPolicies.Manage) ? AccessRule.Manage
            : policies.Contains(ApiKeyAuthentication.ReadPolicy) || policies.Contains(ApiKeyAuthentication.WritePolicy) ? AccessRule.ApiKey
            : policies.Contains(DashboardPolicies.Read) ? AccessRule.Read
            : rules.Count > 0 && policies.Count == 0 && rules.All(r => r.Roles is null) ? AccessRule.SignedIn
            : AccessRule.None;
    }

    /// <summary>The REST API, under both of its base paths (ours and Baremetrics' own).</summary>
    private static bool IsRestApi(string pattern) =>
        pattern.StartsWith("/api/v1", StringComparison.Ordinal) || pattern.StartsWith("/v1/", StringComparison.Ordinal) || pattern == "/v1";

    private static bool IsGettable(RouteEndpoint endpoint)
    {
        if (Pattern(endpoint).StartsWith("/_blazor", StringComparison.Ordinal) || IsRestApi(Pattern(endpoint)))
        {
            return false;
        }

        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        return endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null || methods is null || methods.Contains(HttpMethods.Get);
    }
}
