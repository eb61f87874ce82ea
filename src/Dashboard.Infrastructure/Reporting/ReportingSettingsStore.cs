using System.Data;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Reporting;

/// <summary>
/// The settings stored in the database ("Reporting:Currency", "Reporting:PastDueChurnDays"), which override the
/// configuration file. Every write tells <see cref="IBillingChangeNotifier"/>, so the metrics engine rebuilds with them.
/// </summary>
public sealed class ReportingSettingsStore(
    IDbContextFactory<DashboardDbContext> contextFactory,
    IBillingChangeNotifier notifier,
    ILogger<ReportingSettingsStore> logger)
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>Stores a setting ("Reporting:Currency"); a null value removes it.</summary>
    public Task SetAsync(string key, string? value, CancellationToken cancellationToken = default) =>
        SetManyAsync(new Dictionary<string, string?> { [key ?? string.Empty] = value }, cancellationToken: cancellationToken);

    /// <summary>
    /// Stores several settings in one transaction with one change notification (a null value removes a setting), so
    /// the metrics engine rebuilds once. With <paramref name="deleteFxRates"/> every stored FX rate is deleted in the
    /// same transaction (rates are quoted against the reporting currency, so a currency change makes them wrong).
    /// A blank key refuses the whole call. Returns how many FX rates were deleted.
    /// </summary>
    public async Task<int> SetManyAsync(IReadOnlyDictionary<string, string?> values, bool deleteFxRates = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var errors = values.Keys.Where(k => Normalize.Text(k) is null).Select(k => new ImportError(0, k, "key", "is required.")).ToList();
        var normalized = values.Where(v => Normalize.Text(v.Key) is not null).GroupBy(v => Normalize.Text(v.Key)!).ToList();
        errors.AddRange(normalized.Where(g => g.Count() > 1).Select(g => new ImportError(0, g.Key, "key", $"'{g.Key}' is given more than once.")));
        if (errors.Count > 0)
        {
            throw new ImportValidationException(errors);
        }

        if (values.Count == 0 && !deleteFxRates)
        {
            return 0;
        }

        var deleted = await ConflictRetry.RunAsync(async ct =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            var keys = normalized.Select(g => g.Key).ToList();
            var stored = await db.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct);
            foreach (var group in normalized)
            {
                var value = group.Single().Value;
                stored.TryGetValue(group.Key, out var existing);
                if (value is null && existing is not null)
                {
                    db.Settings.Remove(existing);
                }
                else if (value is not null && existing is null)
                {
                    db.Settings.Add(new Setting { Key = group.Key, Value = value });
                }
                else if (value is not null && existing is not null)
                {
                    existing.Value = value;
                }
            }

            await db.SaveChangesAsync(ct);
            var rates = deleteFxRates ? await db.FxRates.ExecuteDeleteAsync(ct) : 0;
            await transaction.CommitAsync(ct);
            return rates;
        }, logger, cancellationToken);
        var kinds = BillingChangeKinds.Settings | (deleted > 0 ? BillingChangeKinds.FxRates : BillingChangeKinds.None);
        await notifier.SendAsync(new BillingChange(null, [], kinds), logger, cancellationToken);
        return deleted;
    }
}
