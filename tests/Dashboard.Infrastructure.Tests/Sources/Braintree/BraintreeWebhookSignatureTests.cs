using Dashboard.Infrastructure.Sources.Braintree.Webhooks;

namespace Dashboard.Infrastructure.Tests.Sources.Braintree;

public sealed class BraintreeWebhookSignatureTests
{
    private const string PublicKey = "integration_public_key";
    private const string PrivateKey = "integration_private_key";

    /// <summary>base64 of "&lt;notification&gt;&lt;kind&gt;check&lt;/kind&gt;&lt;/notification&gt;" with its line break, as Braintree posts it.</summary>
    private const string Payload = "PG5vdGlmaWNhdGlvbj48a2luZD5jaGVjazwva2luZD48L25vdGlmaWNhdGlvbj4=\n";

    [Fact]
    public void The_signature_is_the_hex_hmac_sha1_of_the_payload_keyed_with_the_sha1_digest_of_the_private_key()
    {
        // Computed apart from this code (Python: hmac.new(sha1(private_key).digest(), payload, sha1).hexdigest()).
        const string expected = "d53eaf7e941a322fd63f23a4c014828169ba83f4";

        Assert.Equal($"{PublicKey}|{expected}", BraintreeWebhookSignature.Sign(Payload, PublicKey, PrivateKey));
        Assert.True(BraintreeWebhookSignature.IsValid($"{PublicKey}|{expected}", Payload, PublicKey, PrivateKey));
        Assert.True(BraintreeWebhookSignature.IsValid($"{PublicKey}|{expected.ToUpperInvariant()}", Payload, PublicKey, PrivateKey));
    }

    [Fact]
    public void The_pair_of_the_sources_public_key_is_found_among_several()
    {
        var mine = BraintreeWebhookSignature.Sign(Payload, PublicKey, PrivateKey);
        var other = BraintreeWebhookSignature.Sign(Payload, "other_public", "other_private");

        Assert.True(BraintreeWebhookSignature.IsValid($"{other}&{mine}", Payload, PublicKey, PrivateKey));
        Assert.False(BraintreeWebhookSignature.IsValid(other, Payload, PublicKey, PrivateKey));
    }

    [Theory]
    [InlineData("tampered payload")]
    [InlineData("wrong private key")]
    [InlineData("signature under another public key")]
    [InlineData("no signature")]
    [InlineData("short hex")]
    [InlineData("payload with a character base64 never has")]
    public void A_wrong_or_malformed_signature_is_refused(string case_)
    {
        var good = BraintreeWebhookSignature.Sign(Payload, PublicKey, PrivateKey);
        var (signature, payload) = case_ switch
        {
            "tampered payload" => (good, Payload.Replace('G', 'H')),
            "wrong private key" => (BraintreeWebhookSignature.Sign(Payload, PublicKey, "guess"), Payload),
            "signature under another public key" => ("someone_else|" + good.Split('|')[1], Payload),
            "no signature" => ((string?)null, Payload),
            "short hex" => (good[..^2], Payload),
            _ => (BraintreeWebhookSignature.Sign(Payload + "<", PublicKey, PrivateKey), Payload + "<"),
        };

        Assert.False(BraintreeWebhookSignature.IsValid(signature, payload, PublicKey, PrivateKey));
    }

    [Fact]
    public void The_form_fields_are_read_from_the_body_once_each()
    {
        var signature = BraintreeWebhookSignature.Sign(Payload, PublicKey, PrivateKey);
        var body = $"bt_signature={Uri.EscapeDataString(signature)}&bt_payload={Uri.EscapeDataString(Payload)}";

        Assert.Equal((signature, Payload), BraintreeConnectorWebhook.Fields(body));
        Assert.Equal(((string?)null, Payload), BraintreeConnectorWebhook.Fields(body + "&bt_signature=x"));
    }
}
