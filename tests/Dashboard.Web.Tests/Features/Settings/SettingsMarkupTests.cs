using Bunit;
using Dashboard.Core.Billing;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Features.Settings.ApiKeys;
using Dashboard.Infrastructure.Reporting;
using Dashboard.Web.Features.Settings.FxRates;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Settings;

public sealed class SettingsMarkupTests : DashboardTestContext
{
    private static readonly DateTimeOffset Created = new(2024, 3, 1, 9, 15, 0, TimeSpan.Zero);

    [Fact]
    public void No_api_keys_shows_how_to_start()
    {
        var document = Render<ApiKeyList>(p => p.Add(l => l.Keys, Array.Empty<ApiKeyInfo>()));

        var empty = document.Find("[data-testid='empty-state']");
        Assert.Equal("No API keys yet", empty.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("Create a key", empty.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.FindAll("table"));
    }

    [Fact]
    public void Keys_list_access_dates_and_revocation_and_only_active_keys_can_be_revoked()
    {
        var keys = new[]
        {
            new ApiKeyInfo(1, "billing export", "dsk_AbCdEfGh", Scope: ApiKeyScope.ReadWrite, Created, RevokedAt: null, LastUsedAt: Created.AddDays(2)),
            new ApiKeyInfo(2, "old sheet", "dsk_ZyXwVuTs", Scope: ApiKeyScope.ReadOnly, Created, RevokedAt: Created.AddDays(5), LastUsedAt: null),
        };

        var document = Render<ApiKeyList>(p => p.Add(l => l.Keys, keys));

        var rows = document.FindAll("table[data-testid='api-keys'] tbody tr");
        Assert.Equal(2, rows.Count);
        var active = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["billing export", "dsk_AbCdEfGh…", "read-write", "2024-03-01 09:15 UTC", "2024-03-03 09:15 UTC", "active"], active.Take(6));
        Assert.NotNull(rows[0].QuerySelector("[data-testid='api-key-revoke']"));
        var revoked = rows[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["old sheet", "dsk_ZyXwVuTs…", "read-only", "2024-03-01 09:15 UTC", "never", "revoked 2024-03-06 09:15 UTC"], revoked.Take(6));
        Assert.Equal("true", rows[1].GetAttribute("data-revoked"));
        Assert.Null(rows[1].QuerySelector("button"));
        Assert.DoesNotContain("dsk_AbCdEfGh", document.FindAll("td").Select(td => td.TextContent.Trim()).Where(t => t.Length > 14));
    }

    [Fact]
    public void Revoking_asks_for_confirmation_first()
    {
        var keys = new[] { new ApiKeyInfo(7, "ci", "dsk_12345678", Scope: ApiKeyScope.ReadWrite, Created, RevokedAt: null, LastUsedAt: null) };

        var document = Render<ApiKeyList>(p => p.Add(l => l.Keys, keys).Add(l => l.ConfirmingId, 7L));

        Assert.Contains("Revoke “ci”?", document.Find(".settings-confirm").TextContent, StringComparison.Ordinal);
        Assert.Single(document.FindAll("[data-testid='api-key-revoke-confirm']"));
        Assert.Single(document.FindAll("[data-testid='api-key-revoke-cancel']"));
        Assert.Empty(document.FindAll("[data-testid='api-key-revoke']"));
    }

    [Fact]
    public void No_fx_rates_shows_what_to_upload()
    {
        var document = Render<FxRateList>(p => p.Add(l => l.Overview, new FxRatesOverview("USD", [], [])));

        var empty = document.Find("[data-testid='empty-state']");
        Assert.Equal("No FX rates yet", empty.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("date,currency,rate", empty.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.FindAll("[data-testid='fx-missing']"));
    }

    [Fact]
    public void Latest_rates_and_currencies_without_rates_are_listed()
    {
        var document = Render<FxRateList>(p => p.Add(l => l.Overview, new FxRatesOverview("USD",
            [new LatestFxRate("EUR", new DateOnly(2024, 1, 31), 1.0843m, 31)],
            ["CAD", "GBP"])));

        var missing = document.Find("[data-testid='fx-missing']")!;
        Assert.Equal("CAD,GBP", missing.GetAttribute("data-currencies"));
        Assert.Contains("CAD, GBP", missing.TextContent, StringComparison.Ordinal);
        var row = Assert.Single(document.FindAll("table[data-testid='fx-latest'] tbody tr"));
        Assert.Equal("EUR", row.GetAttribute("data-currency"));
        Assert.Equal("1.0843", row.GetAttribute("data-value"));
        Assert.Equal(["EUR", "2024-01-31", "1.0843", "31"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Empty(document.FindAll("[data-testid='empty-state']"));
    }

    [Fact]
    public void Revoke_asks_for_the_key_and_confirm_revokes_it()
    {
        var keys = new[] { new ApiKeyInfo(7, "ci", "dsk_12345678", Scope: ApiKeyScope.ReadWrite, Created, RevokedAt: null, LastUsedAt: null) };
        var requested = new List<long?>();
        var confirmed = new List<long>();
        var list = Render<ApiKeyList>(p => p.Add(l => l.Keys, keys).Add(l => l.OnRevokeRequested, requested.Add).Add(l => l.OnRevokeConfirmed, confirmed.Add));

        list.Find("[data-testid='api-key-revoke']").Click();
        Assert.Equal([7L], requested);
        Assert.Empty(confirmed);

        list.Render(p => p.Add(l => l.ConfirmingId, 7L));
        list.Find("[data-testid='api-key-revoke-confirm']").Click();
        Assert.Equal([7L], confirmed);

        list.Find("[data-testid='api-key-revoke-cancel']").Click();
        Assert.Equal([7L, null], requested);
    }
}
