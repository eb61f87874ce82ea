using Dashboard.Infrastructure.Sources.Stripe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

internal static class StripeTestServices
{
    public static ServiceCollection Collection(int pageSize = 100, TimeSpan? retryDelay = null, int maxRetries = 3)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddStripeConnector(configuration);
        services.Configure<StripeOptions>(o =>
        {
            o.PageSize = pageSize;
            o.MaxRetries = maxRetries;
            o.RetryBaseDelay = retryDelay ?? TimeSpan.FromMilliseconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });
        return services;
    }

    public static ServiceProvider Create(int pageSize = 100, TimeSpan? retryDelay = null, int maxRetries = 3) =>
        Collection(pageSize, retryDelay, maxRetries).BuildServiceProvider();
}
