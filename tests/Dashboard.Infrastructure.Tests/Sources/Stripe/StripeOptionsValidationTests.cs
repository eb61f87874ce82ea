using Dashboard.Infrastructure.Sources.Stripe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// Stripe takes a list <c>limit</c> from 1 to 100, so a <c>Stripe:PageSize</c> outside it would fail every list on a
/// real account while a lenient fake passed: the setting is checked when the app starts, with an error naming it.
/// </summary>
public sealed class StripeOptionsValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(200)]
    public void A_page_size_outside_Stripes_limit_is_refused_naming_the_setting(int pageSize)
    {
        using var services = StripeTestServices.Create(pageSize: pageSize);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StripeOptions>>().Value);

        Assert.Equal($"Stripe:PageSize is {pageSize}; Stripe lists take a limit from 1 to 100.", Assert.Single(error.Failures));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Page_sizes_from_1_to_100_are_accepted(int pageSize)
    {
        using var services = StripeTestServices.Create(pageSize: pageSize);

        Assert.Equal(pageSize, services.GetRequiredService<IOptions<StripeOptions>>().Value.PageSize);
    }

    [Fact]
    public async Task The_app_does_not_start_with_a_page_size_Stripe_refuses()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Stripe:PageSize"] = "200" });
        builder.Services.AddStripeConnector(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Stripe:PageSize is 200", error.Message, StringComparison.Ordinal);
    }
}
