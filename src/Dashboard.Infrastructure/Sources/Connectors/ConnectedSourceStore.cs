using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Sources.Connectors;

/// <summary>
/// Stores a connected source the same way for every provider: the credentials encrypted with
/// <see cref="SourceCredentialProtector"/> (never in clear), the API base when one is given, and its recurring sync.
/// </summary>
public sealed class ConnectedSourceStore(
    SourceCatalog sources,
    SourceCredentialProtector protector,
    IDbContextFactory<DashboardDbContext> contextFactory,
    ISyncSchedule schedule)
{
    public async Task<Source> AddAsync<TCredentials>(
        string name, SourceProvider provider, Uri? apiBase, TCredentials credentials, CancellationToken cancellationToken)
        where TCredentials : notnull
    {
        var source = await sources.CreateAsync(name, provider, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Attach(source);
        source.ApiBase = apiBase?.AbsoluteUri;
        source.ProtectedCredentials = protector.Protect(credentials);
        await db.SaveChangesAsync(cancellationToken);
        await schedule.ApplyAsync(source.Id, cancellationToken);
        return source;
    }

    /// <summary>A source's decrypted credentials, or null when it has none.</summary>
    public TCredentials? Credentials<TCredentials>(Source source)
        where TCredentials : class =>
        source.ProtectedCredentials is { } stored ? protector.Unprotect<TCredentials>(stored) : null;
}
