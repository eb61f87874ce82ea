using System.Data;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Reporting;

/// <summary>The newest stored rate of a currency, and how many rates of it are stored.</summary>
public sealed record LatestFxRate(string Currency, DateOnly Date, decimal Rate, int RateCount);

/// <summary>
/// The exchange rates that convert other currencies into the reporting currency. Every write tells
/// <see cref="IBillingChangeNotifier"/>, so the metrics engine converts with the new rates.
/// </summary>
public sealed class FxRateStore(
    IDbContextFactory<DashboardDbContext> contextFactory,
    IBillingChangeNotifier notifier,
    ILogger<FxRateStore> logger)
{
    /// <summary>Stores exchange rates (later rows win over earlier ones for the same date and currency), all or none.</summary>
    public async Task UpsertAsync(IReadOnlyList<FxRateImport> rates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var valid = Validate(rates);
        if (valid.Count == 0)
        {
            return;
        }

        await ConflictRetry.RunAsync(async ct =>
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
        }, logger, cancellationToken);
        await notifier.SendAsync(new BillingChange(null, [], BillingChangeKinds.FxRates), logger, cancellationToken);
    }

    /// <summary>How many FX rates are stored (all quoted against the reporting currency in force).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.FxRates.CountAsync(cancellationToken);
    }

    /// <summary>The newest rate of each currency that has one, by currency code.</summary>
    public async Task<IReadOnlyList<LatestFxRate>> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var newest = db.FxRates
            .GroupBy(r => r.Currency)
            .Select(g => new { Currency = g.Key, Date = g.Max(r => r.Date), Count = g.Count() });
        // One query: (currency, date) is the key, so each currency's newest date names exactly one rate.
        var rows = await db.FxRates.AsNoTracking()
            .Join(newest, r => new { r.Currency, r.Date }, n => new { n.Currency, n.Date }, (r, n) => new { r.Currency, r.Date, r.Rate, n.Count })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Currency, StringComparer.Ordinal).Select(r => new LatestFxRate(r.Currency, r.Date, r.Rate, r.Count)).ToList();
    }

    /// <summary>The currencies the billing data is in (plans, charges, refunds), by code: the ones that may need a rate.</summary>
    public async Task<IReadOnlyList<string>> CurrenciesInUseAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var used = new SortedSet<string>(StringComparer.Ordinal);
        used.UnionWith(await db.Plans.AsNoTracking().Select(p => p.Currency).Distinct().ToListAsync(cancellationToken));
        used.UnionWith(await db.Charges.AsNoTracking().Select(c => c.Currency).Distinct().ToListAsync(cancellationToken));
        used.UnionWith(await db.Refunds.AsNoTracking().Select(r => r.Currency).Distinct().ToListAsync(cancellationToken));
        return [.. used];
    }

    private static Dictionary<(string Currency, DateOnly Date), decimal> Validate(IReadOnlyList<FxRateImport> rates)
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
