using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sync;
using Dashboard.Web.Cli;

namespace Dashboard.Web.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Connectors and their syncs: encrypted credentials, the Stripe connector, the `source add` / `source sync`
    /// verbs, and (for the server, not for CLI runs) the scheduled sync.
    /// </summary>
    public static IServiceCollection AddSourceConnectors(
        this IServiceCollection services, IConfiguration configuration, string contentRoot, bool scheduled)
    {
        services.AddBillingImporter();
        services.AddSourceCredentials(configuration, contentRoot);
        services.AddStripeConnector(configuration);
        services.AddCliVerb<SourceAddVerb>();
        services.AddCliVerb<SourceSyncVerb>();
        if (scheduled)
        {
            services.AddScheduledSync(configuration);
        }

        return services;
    }
}
