using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Dashboard.Infrastructure.Sync;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Sources.Stripe;

/// <summary>
/// Connects a Stripe account: a new source whose key (and webhook secret) are stored encrypted, never in clear, and
/// whose recurring sync is registered.
/// </summary>
public sealed class StripeSourceRegistrar(
    SourceCatalog sources,
    StripeSourceConnections connections,
    IDbContextFactory<DashboardDbContext> contextFactory,
    ISyncSchedule schedule)
{
    public async Task<Source> AddAsync(string name, string apiKey, Uri? apiBase, string? webhookSecret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("A Stripe API key is required.", nameof(apiKey));
        }

        if (apiBase is not null && !apiBase.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{apiBase}' is not an absolute URL.", nameof(apiBase));
        }

        var source = await sources.CreateAsync(name, SourceProvider.Stripe, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Attach(source);
        source.ApiBase = apiBase?.AbsoluteUri;
        source.ProtectedCredentials = connections.Protect(new StripeCredentials(apiKey.Trim(), string.IsNullOrWhiteSpace(webhookSecret) ? null : webhookSecret.Trim()));
        await db.SaveChangesAsync(cancellationToken);
        await schedule.ApplyAsync(source.Id, cancellationToken);
        return source;
    }
}
