using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Batches;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Sources;

/// <summary>Creates the sources that billing data is imported into (an API push, a CSV upload, a Stripe account).</summary>
public sealed class SourceCatalog(IDbContextFactory<DashboardDbContext> contextFactory, TimeProvider time)
{
    /// <summary>Stores a new source; a blank name is refused with <see cref="ImportValidationException"/>.</summary>
    public async Task<Source> CreateAsync(string name, SourceProvider provider, CancellationToken cancellationToken = default)
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
}
