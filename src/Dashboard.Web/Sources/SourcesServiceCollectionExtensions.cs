using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Jobs;
using Dashboard.Infrastructure.Sources;
using Dashboard.Infrastructure.Sources.Braintree;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sync;
using Dashboard.Web.Cli;

namespace Dashboard.Web.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Connectors and their syncs: encrypted credentials, the registered connectors (Stripe, Braintree), the `source` verbs, and the background
    /// jobs (recurring syncs, "sync now", webhook processing). With <paramref name="runJobs"/> (the server, not CLI
    /// runs) this process also runs the jobs and reconciles the recurring syncs at start-up; CLI runs only register them.
    /// </summary>
    public static IServiceCollection AddSourceConnectors(
        this IServiceCollection services, IConfiguration configuration, string contentRoot, bool runJobs)
    {
        services.AddBillingImporter();
        services.AddSourceCredentials(configuration, contentRoot);
        services.AddStripeConnector(configuration);
        services.AddBraintree(configuration);
        services.AddBackgroundJobs(configuration, runServer: runJobs);
        services.AddScheduledSync(configuration, reconcileAtStart: runJobs);
        services.AddCliVerb<SourceAddVerb>();
        services.AddCliVerb<SourceSyncVerb>();
        services.AddCliVerb<SourceSetIntervalVerb>();
        return services;
    }
}
