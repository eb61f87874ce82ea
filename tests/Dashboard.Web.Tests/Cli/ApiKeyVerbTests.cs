using Dashboard.Core.Billing;
using Dashboard.Testing;
using Dashboard.Web.Cli;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Tests.Services.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Cli;

public sealed class ApiKeyVerbTests : IAsyncLifetime
{
    private readonly FixedTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero));
    private CliHost host = null!;

    public async Task InitializeAsync() => host = await CliHost.StartAsync(clock);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private ApiKeyService Keys => host.Services.GetRequiredService<ApiKeyService>();

    [Theory]
    [InlineData(new string[0], ApiKeyScope.ReadWrite, "read-write")]
    [InlineData(new[] { "--read-only" }, ApiKeyScope.ReadOnly, "read-only")]
    [InlineData(new[] { "--admin" }, ApiKeyScope.Admin, "admin")]
    public async Task Create_prints_the_key_alone_on_its_last_line_with_the_chosen_scope(string[] flags, ApiKeyScope scope, string label)
    {
        var (code, output, _) = await host.RunAsync(["apikey", "create", "--name", "ci", .. flags]);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith($"Created {label} API key 'ci'", lines[0], StringComparison.Ordinal);
        var secret = lines[^1];
        Assert.StartsWith(ApiKeyService.Marker, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(' ', secret);
        Assert.Equal(scope, (await Keys.ValidateAsync(secret))?.Scope);
    }

    [Fact]
    public async Task Create_refuses_read_only_and_admin_together()
    {
        var (code, _, error) = await host.RunAsync("apikey", "create", "--name", "ci", "--read-only", "--admin");

        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains("either --read-only or --admin", error, StringComparison.Ordinal);
        Assert.Empty(await Keys.ListAsync());
    }

    [Fact]
    public async Task List_shows_name_scope_created_last_use_and_status_but_never_a_key()
    {
        var used = await Keys.CreateAsync("billing export", ApiKeyScope.ReadOnly);
        clock.Now = clock.Now.AddHours(2);
        await Keys.ValidateAsync(used.Secret);
        var admin = await Keys.CreateAsync("ops", ApiKeyScope.Admin);
        await Keys.RevokeAsync(admin.Key.Id);

        var (code, output, _) = await host.RunAsync("apikey", "list");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(
            [
                "ID NAME SCOPE CREATED LAST USED STATUS",
                $"{used.Key.Id} billing export read-only 2026-12-01 09:30 UTC 2026-12-01 11:30 UTC active",
                $"{admin.Key.Id} ops admin 2026-12-01 11:30 UTC never revoked 2026-12-01 11:30 UTC",
            ],
            lines);
        Assert.DoesNotContain(used.Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(admin.Secret, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_by_name_or_id_ends_the_key_and_an_ambiguous_name_revokes_nothing()
    {
        var first = await Keys.CreateAsync("sheet", ApiKeyScope.ReadOnly);
        var second = await Keys.CreateAsync("sheet", ApiKeyScope.ReadWrite);
        var other = await Keys.CreateAsync("export", ApiKeyScope.ReadWrite);

        var (code, output, _) = await host.RunAsync("apikey", "revoke", "--name", "sheet");
        Assert.Equal(1, code);
        Assert.Contains($"2 active API keys are named 'sheet' (ids {first.Key.Id}, {second.Key.Id}); revoke one with --id.", output);
        Assert.DoesNotContain(await Keys.ListAsync(), k => k.IsRevoked);

        (code, output, _) = await host.RunAsync("apikey", "revoke", "--id", second.Key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, code);
        Assert.Contains($"Revoked API key 'sheet' (id {second.Key.Id}", output);
        Assert.Null(await Keys.ValidateAsync(second.Secret));
        var revoked = Assert.Single(await host.Services.GetRequiredService<IAuditLog>().AllAsync(AuditActions.ApiKeyRevoked));
        Assert.Equal(("command line", $"sheet ({second.Key.Prefix})"), (revoked.Actor, revoked.Target));

        (code, _, _) = await host.RunAsync("apikey", "revoke", "--name", "export");
        Assert.Equal(0, code);
        Assert.Null(await Keys.ValidateAsync(other.Secret));
        Assert.NotNull(await Keys.ValidateAsync(first.Secret));

        (code, output, _) = await host.RunAsync("apikey", "revoke", "--id", "9999");
        Assert.Equal(1, code);
        Assert.Contains("No API key has the id 9999", output);

        (code, _, var error) = await host.RunAsync("apikey", "revoke");
        Assert.Equal(CliDispatcher.UsageExitCode, code);
        Assert.Contains("--name NAME or --id ID", error);
    }
}
