using System.Globalization;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources.Stripe.Webhooks;
using Dashboard.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Tests.Sources.Stripe;

/// <summary>
/// Stripe's documented check of <c>Stripe-Signature</c> (<c>t=&lt;unix time&gt;,v1=&lt;HMAC-SHA256 of "t.payload"&gt;</c>,
/// several <c>v1</c> while a secret is rolled): a delivery is verified when any <c>v1</c> is the secret's and <c>t</c>
/// is within the tolerance (5 minutes) of now, before or after; anything else is refused without an exception.
/// </summary>
public sealed class StripeWebhookSignatureTests : IAsyncLifetime
{
    private const string Payload = """{"id":"evt_sig","object":"event","type":"balance.available","created":1700000000,"data":{"object":{"id":"bal"}}}""";
    private const string OldSecret = "whsec_rolled_out";

    private FakeStripeServer stripe = null!;
    private StripeSyncHarness harness = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        harness = await StripeSyncHarness.CreateAsync(DatabaseProvider.Sqlite, stripe.BaseUri);
    }

    public async Task DisposeAsync()
    {
        await harness.DisposeAsync();
        await stripe.DisposeAsync();
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string V1(string secret, string timestamp) => Sdk.EventUtility.ComputeSignature(secret, timestamp, Payload);

    private Task<StripeWebhookOutcome> VerifyAsync(string header) =>
        harness.Services.GetRequiredService<StripeWebhookReceiver>().VerifyAsync(harness.SourceId, Payload, header, default);

    [Fact]
    public async Task Two_v1_signatures_during_a_secret_roll_verify_when_either_is_the_secrets()
    {
        var t = Now.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(StripeWebhookOutcome.Verified, await VerifyAsync($"t={t},v1={V1(OldSecret, t)},v1={V1(StripeSyncHarness.WebhookSecret, t)}"));
        Assert.Equal(StripeWebhookOutcome.Verified, await VerifyAsync($"t={t},v1={V1(StripeSyncHarness.WebhookSecret, t)},v1={V1(OldSecret, t)}"));
        Assert.Equal(StripeWebhookOutcome.InvalidSignature, await VerifyAsync($"t={t},v1={V1(OldSecret, t)},v1={V1("whsec_other", t)}"));
    }

    [Fact]
    public async Task A_timestamp_beyond_the_tolerance_is_refused_in_the_future_as_in_the_past()
    {
        string Header(long at)
        {
            var t = at.ToString(CultureInfo.InvariantCulture);
            return $"t={t},v1={V1(StripeSyncHarness.WebhookSecret, t)}";
        }

        Assert.Equal(StripeWebhookOutcome.InvalidSignature, await VerifyAsync(Header(Now + 10 * 60)));
        Assert.Equal(StripeWebhookOutcome.InvalidSignature, await VerifyAsync(Header(Now - 10 * 60)));
        Assert.Equal(StripeWebhookOutcome.Verified, await VerifyAsync(Header(Now + 60)));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public async Task A_timestamp_that_is_not_a_number_is_refused_even_when_its_signature_matches(string t)
    {
        // The v1 value is the secret's HMAC of "t.payload" for this very t: only the timestamp check can refuse it.
        Assert.Equal(StripeWebhookOutcome.InvalidSignature, await VerifyAsync($"t={t},v1={V1(StripeSyncHarness.WebhookSecret, t)}"));
        Assert.Equal(StripeWebhookOutcome.InvalidSignature, await VerifyAsync($"t={t},v1=0123"));
    }

    [Theory]
    [InlineData("v1=abc")]
    [InlineData("garbage")]
    [InlineData("t=1700000000")]
    public async Task A_header_missing_its_parts_is_refused(string header)
    {
        Assert.Equal(StripeWebhookOutcome.InvalidSignature, await VerifyAsync(header));
    }
}
