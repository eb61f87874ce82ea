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
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
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
