using Dashboard.Infrastructure.Sources.Stripe.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Infrastructure.Sources.Stripe;

public static class StripeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Stripe connector: options (section "Stripe"), the typed API client with its retry pipeline.
    /// </summary>
    public static IServiceCollection AddStripeConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StripeResilience>();

        // Attempts are timed by the retry pipeline, so the client itself never times out a whole retried call.
        services.AddHttpClient<IStripeClient, StripeClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
