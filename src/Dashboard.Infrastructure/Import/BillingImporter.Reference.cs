using System.Data;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Batches;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Import;

public sealed partial class BillingImporter
{
    public async Task<Source> CreateSourceAsync(string name, SourceProvider provider, CancellationToken cancellationToken = default)
    {
        if (Normalize.Text(name) is not { } sourceName)
        {
            throw new ImportValidationException([new ImportError(0, null, "name", "is required.")]);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var source = new Source { Name = sourceName, Provider = provider, CreatedAt = Normalize.Instant(time.GetUtcNow()) };
        db.Sources.Add(source);
        await db.SaveChangesAsync(cancellationToken);
        return source;
    }

    /// <summary>Stores exchange rates (later rows win over earlier ones for the same date and currency), all or none.</summary>
    public async Task UpsertFxRatesAsync(IReadOnlyList<FxRateImport> rates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var valid = ValidateRates(rates);
        if (valid.Count == 0)
        {
            return;
        }

        await RetryOnConflictAsync(async ct =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            var currencies = valid.Keys.Select(k => k.Currency).Distinct().ToList();
            var (from, to) = (valid.Keys.Min(k => k.Date), valid.Keys.Max(k => k.Date));
            var stored = (await Chunks.LoadAsync(currencies, codes => db.FxRates
                    .Where(r => codes.Contains(r.Currency) && r.Date >= from && r.Date <= to).ToListAsync(ct)))
                .ToDictionary(r => (r.Currency, r.Date));
            foreach (var ((currency, date), rate) in valid)
            {
                if (stored.TryGetValue((currency, date), out var existing))
                {
                    existing.Rate = rate;
                }
                else
                {
                    db.FxRates.Add(new FxRate { Currency = currency, Date = date, Rate = rate });
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
        await NotifyAsync(new BillingChange(null, [], BillingChangeKinds.FxRates), cancellationToken);
    }

    /// <summary>How many FX rates are stored (all quoted against the reporting currency in force).</summary>
    public async Task<int> CountFxRatesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.FxRates.CountAsync(cancellationToken);
    }

    public async Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>Stores a setting ("Reporting:Currency"); a null value removes it.</summary>
    public async Task SetSettingAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        if (Normalize.Text(key) is not { } settingKey)
        {
            throw new ImportValidationException([new ImportError(0, null, "key", "is required.")]);
        }

        await RetryOnConflictAsync(async ct =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(ct);
            var stored = await db.Settings.SingleOrDefaultAsync(s => s.Key == settingKey, ct);
            if (value is null && stored is not null)
            {
                db.Settings.Remove(stored);
            }
            else if (value is not null && stored is null)
            {
                db.Settings.Add(new Setting { Key = settingKey, Value = value });
            }
            else if (value is not null && stored is not null)
            {
                stored.Value = value;
            }

            return await db.SaveChangesAsync(ct);
        }, cancellationToken);
        await NotifyAsync(new BillingChange(null, [], BillingChangeKinds.Settings), cancellationToken);
    }

    /// <summary>
    /// Stores several settings in one transaction with one change notification (a null value removes a setting), so
    /// the metrics engine rebuilds once. With <paramref name="deleteFxRates"/> every stored FX rate is deleted in the
    /// same transaction (rates are quoted against the reporting currency, so a currency change makes them wrong).
    /// A blank key refuses the whole call. Returns how many FX rates were deleted.
    /// </summary>
    public async Task<int> SetSettingsAsync(IReadOnlyDictionary<string, string?> values, bool deleteFxRates = false,
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

        var deleted = await RetryOnConflictAsync(async ct =>
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
        }, cancellationToken);
        var kinds = BillingChangeKinds.Settings | (deleted > 0 ? BillingChangeKinds.FxRates : BillingChangeKinds.None);
        await NotifyAsync(new BillingChange(null, [], kinds), cancellationToken);
        return deleted;
    }

    private static Dictionary<(string Currency, DateOnly Date), decimal> ValidateRates(IReadOnlyList<FxRateImport> rates)
    {
        var errors = new List<ImportError>();
        var valid = new Dictionary<(string, DateOnly), decimal>();
        for (var index = 0; index < rates.Count; index++)
        {
            var rate = rates[index];
            var before = errors.Count;
            if (rate.Date is null)
            {
                errors.Add(new ImportError(index, rate.Currency, "date", "is required."));
            }

            var currency = Normalize.Text(rate.Currency)?.ToUpperInvariant();
            if (!Core.Money.Currency.IsValid(currency))
            {
                errors.Add(new ImportError(index, rate.Currency, "currency", $"'{rate.Currency}' is not an ISO 4217 currency code."));
            }

            if (rate.Rate is not > 0m)
            {
                errors.Add(new ImportError(index, rate.Currency, "rate", "must be greater than 0."));
            }

            if (errors.Count == before)
            {
                valid[(currency!, rate.Date!.Value)] = rate.Rate!.Value;
            }
        }

        return errors.Count > 0 ? throw new ImportValidationException(errors) : valid;
    }
}
