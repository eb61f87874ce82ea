using Dashboard.Web.Api.Keys;
using Dashboard.Web.Features.Settings.ApiKeys;
using Dashboard.Web.Features.Settings.FxRates;
using Dashboard.Web.Services.ApiKeys;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Dashboard.Web.Tests.Features.Settings;

public sealed class SettingsMarkupTests
{
    private static readonly DateTimeOffset Created = new(2024, 3, 1, 9, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task No_api_keys_shows_how_to_start()
    {
        var document = await RenderKeysAsync(new Dictionary<string, object?> { [nameof(ApiKeyList.Keys)] = Array.Empty<ApiKeyInfo>() });

        var empty = document.QuerySelector("[data-testid='empty-state']");
        Assert.NotNull(empty);
        Assert.Equal("No API keys yet", empty.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("Create a key", empty.TextContent, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector("table"));
    }

    [Fact]
    public async Task Keys_list_access_dates_and_revocation_and_only_active_keys_can_be_revoked()
    {
        var keys = new[]
        {
            new ApiKeyInfo(1, "billing export", "dsk_AbCdEfGh", IsReadOnly: false, Created, RevokedAt: null, LastUsedAt: Created.AddDays(2)),
            new ApiKeyInfo(2, "old sheet", "dsk_ZyXwVuTs", IsReadOnly: true, Created, RevokedAt: Created.AddDays(5), LastUsedAt: null),
        };

        var document = await RenderKeysAsync(new Dictionary<string, object?> { [nameof(ApiKeyList.Keys)] = keys });

        var rows = document.QuerySelectorAll("table[data-testid='api-keys'] tbody tr");
        Assert.Equal(2, rows.Length);
        var active = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["billing export", "dsk_AbCdEfGh…", "read-write", "2024-03-01 09:15 UTC", "2024-03-03 09:15 UTC", "active"], active.Take(6));
        Assert.NotNull(rows[0].QuerySelector("[data-testid='api-key-revoke']"));
        var revoked = rows[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["old sheet", "dsk_ZyXwVuTs…", "read-only", "2024-03-01 09:15 UTC", "never", "revoked 2024-03-06 09:15 UTC"], revoked.Take(6));
        Assert.Equal("true", rows[1].GetAttribute("data-revoked"));
        Assert.Null(rows[1].QuerySelector("button"));
        Assert.DoesNotContain("dsk_AbCdEfGh", document.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).Where(t => t.Length > 14));
    }

    [Fact]
    public async Task Revoking_asks_for_confirmation_first()
    {
        var keys = new[] { new ApiKeyInfo(7, "ci", "dsk_12345678", IsReadOnly: false, Created, RevokedAt: null, LastUsedAt: null) };

        var document = await RenderKeysAsync(new Dictionary<string, object?>
        {
            [nameof(ApiKeyList.Keys)] = keys,
            [nameof(ApiKeyList.ConfirmingId)] = 7L,
        });

        Assert.Contains("Revoke “ci”?", document.QuerySelector(".settings-confirm")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("[data-testid='api-key-revoke-confirm']"));
        Assert.NotNull(document.QuerySelector("[data-testid='api-key-revoke-cancel']"));
        Assert.Null(document.QuerySelector("[data-testid='api-key-revoke']"));
    }

    [Fact]
    public async Task No_fx_rates_shows_what_to_upload()
    {
        var document = await Markup.RenderAsync<FxRateList>(new Dictionary<string, object?>
        {
            [nameof(FxRateList.Overview)] = new FxRatesOverview("USD", [], []),
        });

        var empty = document.QuerySelector("[data-testid='empty-state']");
        Assert.NotNull(empty);
        Assert.Equal("No FX rates yet", empty.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("date,currency,rate", empty.TextContent, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector("[data-testid='fx-missing']"));
    }

    [Fact]
    public async Task Latest_rates_and_currencies_without_rates_are_listed()
    {
        var document = await Markup.RenderAsync<FxRateList>(new Dictionary<string, object?>
        {
            [nameof(FxRateList.Overview)] = new FxRatesOverview("USD",
                [new LatestFxRate("EUR", new DateOnly(2024, 1, 31), 1.0843m, 31)],
                ["CAD", "GBP"]),
        });

        var missing = document.QuerySelector("[data-testid='fx-missing']")!;
        Assert.Equal("CAD,GBP", missing.GetAttribute("data-currencies"));
        Assert.Contains("CAD, GBP", missing.TextContent, StringComparison.Ordinal);
        var row = Assert.Single(document.QuerySelectorAll("table[data-testid='fx-latest'] tbody tr"));
        Assert.Equal("EUR", row.GetAttribute("data-currency"));
        Assert.Equal("1.0843", row.GetAttribute("data-value"));
        Assert.Equal(["EUR", "2024-01-31", "1.0843", "31"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Null(document.QuerySelector("[data-testid='empty-state']"));
    }

    /// <summary>Radzen's buttons inject a JS runtime; static rendering never calls it.</summary>
    private static Task<AngleSharp.Dom.IDocument> RenderKeysAsync(Dictionary<string, object?> parameters) =>
        Markup.RenderAsync<ApiKeyList>(parameters, services => services.AddSingleton<IJSRuntime, UnusedJsRuntime>());

    private sealed class UnusedJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException("Static rendering runs no JavaScript.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("Static rendering runs no JavaScript.");
    }
}
