using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Reporting;

namespace Dashboard.Web.Features.Settings.FxRates;

/// <summary>What the FX section shows: the newest rate per currency and the data's currencies that have no rate at all.</summary>
public sealed record FxRatesOverview(string ReportingCurrency, IReadOnlyList<LatestFxRate> Latest, IReadOnlyList<string> CurrenciesWithoutRates);

/// <summary>The outcome of committing a preview: how many rates were stored, or why none were.</summary>
public sealed record FxCommitResult(int Stored, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Stores previewed FX files through <see cref="FxRateStore.UpsertAsync"/> (the import path of
/// <c>POST /api/v1/fx_rates</c>: all rows or none, and the metrics engine rebuilds) and summarises the rates table from
/// the same store.
/// </summary>
public sealed class FxRateService(FxRateStore fxRates)
{
    public async Task<FxCommitResult> CommitAsync(FxRateCsvPreview preview, CancellationToken cancellationToken = default)
    {
        if (!preview.CanCommit)
        {
            var reasons = preview.FileErrors.Count > 0 ? preview.FileErrors
                : preview.Rows.Count == 0 ? ["The file has no rates."]
                : [$"{preview.BadRowCount} row(s) have errors; fix them and upload the file again. Nothing was stored."];
            return new FxCommitResult(0, reasons);
        }

        try
        {
            await fxRates.UpsertAsync(preview.ToImports(), cancellationToken);
        }
        catch (ImportValidationException ex)
        {
            return new FxCommitResult(0, ex.Errors
                .Select(e => $"Line {preview.Rows[e.Index].Line}: {e.Field} {e.Message} Nothing was stored.")
                .ToList());
        }

        return new FxCommitResult(preview.Rows.Count, []);
    }

    public async Task<FxRatesOverview> OverviewAsync(string reportingCurrency, CancellationToken cancellationToken = default)
    {
        var latest = await fxRates.LatestAsync(cancellationToken);
        var withRates = latest.Select(r => r.Currency).ToHashSet(StringComparer.Ordinal);
        var missing = (await fxRates.CurrenciesInUseAsync(cancellationToken))
            .Where(c => c != reportingCurrency && !withRates.Contains(c)).ToList();
        return new FxRatesOverview(reportingCurrency, latest, missing);
    }
}
