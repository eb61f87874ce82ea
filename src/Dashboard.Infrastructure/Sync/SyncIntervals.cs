using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Sync;

/// <summary>Each source's sync interval, kept in the settings table under <see cref="SyncInterval.SettingKey"/>.</summary>
public sealed class SyncIntervals(IDbContextFactory<DashboardDbContext> contextFactory, IOptions<SyncScheduleOptions> options)
{
    public int DefaultMinutes => SyncInterval.IsValid(options.Value.DefaultIntervalMinutes)
        ? options.Value.DefaultIntervalMinutes
        : throw new InvalidOperationException("Sync:DefaultIntervalMinutes: " + SyncInterval.Invalid(options.Value.DefaultIntervalMinutes));

    public async Task<int> GetAsync(long sourceId, CancellationToken cancellationToken)
    {
        var all = await GetAllAsync([sourceId], cancellationToken);
        return all[sourceId];
    }

    /// <summary>The interval of every source in <paramref name="sourceIds"/> (its own, else the default).</summary>
    public async Task<IReadOnlyDictionary<long, int>> GetAllAsync(IReadOnlyCollection<long> sourceIds, CancellationToken cancellationToken)
    {
        var keys = sourceIds.ToDictionary(SyncInterval.SettingKey);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Settings.AsNoTracking().Where(s => keys.Keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        return keys.ToDictionary(
            pair => pair.Value,
            pair => stored.TryGetValue(pair.Key, out var text) && int.TryParse(text, out var minutes) && SyncInterval.IsValid(minutes) ? minutes : DefaultMinutes);
    }

    public async Task SetAsync(long sourceId, int minutes, CancellationToken cancellationToken)
    {
        if (!SyncInterval.IsValid(minutes))
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, SyncInterval.Invalid(minutes));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Sources.AnyAsync(s => s.Id == sourceId, cancellationToken))
        {
            throw new InvalidOperationException($"Source {sourceId} does not exist.");
        }

        var key = SyncInterval.SettingKey(sourceId);
        var setting = await db.Settings.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (setting is null)
        {
            db.Settings.Add(new Setting { Key = key, Value = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        else
        {
            setting.Value = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
