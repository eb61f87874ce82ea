using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Attributes;

/// <summary>
/// The custom attribute fields customers can carry ("UTM Source", "Seats"). Values are set through
/// <see cref="BillingImporter"/>; a field must exist before a value of it is imported.
/// </summary>
public sealed class AttributeFieldService(
    IDbContextFactory<DashboardDbContext> contextFactory,
    IBillingChangeNotifier notifier,
    ILogger<AttributeFieldService> logger)
{
    /// <summary>
    /// Returns the field with <paramref name="key"/> (default: the snake_case of <paramref name="title"/>), creating it
    /// when missing. An existing field keeps its title; asking for it with another type is a validation error.
    /// </summary>
    public async Task<AttributeField> EnsureAsync(string title, AttributeType type, string? key = null, CancellationToken cancellationToken = default)
    {
        var fieldKey = Normalize.Text(key) ?? AttributeKeys.FromTitle(title ?? string.Empty);
        if (string.IsNullOrWhiteSpace(title) || fieldKey.Length == 0)
        {
            var field = string.IsNullOrWhiteSpace(title) ? "title" : "key";
            throw new ImportValidationException([new ImportError(0, key, field, "is required.")]);
        }

        var (created, ensured) = await ConflictRetry.RunAsync(async ct =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(ct);
            var existing = await db.AttributeFields.AsNoTracking().SingleOrDefaultAsync(f => f.Key == fieldKey, ct);
            if (existing is not null)
            {
                return existing.Type == type
                    ? (false, existing)
                    : throw new ImportValidationException([new ImportError(0, fieldKey, "field_type",
                        $"The field '{fieldKey}' exists as {existing.Type.ToString().ToLowerInvariant()}, not {type.ToString().ToLowerInvariant()}.", ImportErrorCode.Conflict)]);
            }

            var field = new AttributeField { Key = fieldKey, Title = title.Trim(), Type = type };
            db.AttributeFields.Add(field);
            await db.SaveChangesAsync(ct);
            return (true, field);
        }, logger, cancellationToken);

        if (created)
        {
            await notifier.SendAsync(new BillingChange(null, [], BillingChangeKinds.Attributes), logger, cancellationToken);
        }

        return ensured;
    }

    /// <summary>Every field, by key.</summary>
    public async Task<IReadOnlyList<AttributeField>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.AttributeFields.AsNoTracking().OrderBy(f => f.Key).ToListAsync(cancellationToken);
    }
}
