using System.Text;
using Dashboard.Infrastructure.Sources.Braintree.Webhooks;

namespace Dashboard.Infrastructure.Tests.Sources.Braintree;

public sealed class BraintreeNotificationTests
{
    [Theory]
    [InlineData("subscription_canceled", "<subscription><id>sub_1</id><status>Canceled</status></subscription>", "sub_1")]
    [InlineData("transaction_settled", "<transaction><id>tx_9</id><amount>10.00</amount></transaction>", "tx_9")]
    [InlineData("dispute_lost", "<dispute><id>dp_1</id><transaction><id>tx_7</id></transaction></dispute>", "tx_7")]
    [InlineData("check", "<check type=\"boolean\">true</check>", "")]
    public void The_kind_object_and_timestamp_are_read_from_the_base64_payload(string kind, string subject, string objectId)
    {
        var payload = Encode($"""<?xml version="1.0" encoding="UTF-8"?><notification><timestamp type="datetime">2026-03-04T05:06:07Z</timestamp><kind>{kind}</kind><subject>{subject}</subject></notification>""");

        var notification = BraintreeNotification.Parse(payload);

        Assert.Equal(new BraintreeNotification(kind, objectId, new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero)), notification);
    }

    [Theory]
    [InlineData("not base64 at all!", "not base64")]
    [InlineData("<subscription/>", "<subscription>, not <notification>")]
    [InlineData("<notification><timestamp>2026-03-04T05:06:07Z</timestamp></notification>", "no <kind>")]
    [InlineData("<notification><kind>check</kind></notification>", "no <timestamp>")]
    [InlineData("<notification><kind>check</kind><timestamp>yesterday</timestamp></notification>", "'yesterday' is not a date")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><notification><kind>&e;</kind></notification>", "not base64 of an XML document")]
    public void A_malformed_payload_is_refused_naming_what_is_wrong(string content, string expected)
    {
        var payload = content.EndsWith('!') ? content : Encode(content);

        var error = Assert.Throws<FormatException>(() => BraintreeNotification.Parse(payload));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    /// <summary>base64 in lines of 60, as Braintree sends it.</summary>
    private static string Encode(string xml) =>
        string.Concat(Convert.ToBase64String(Encoding.UTF8.GetBytes(xml)).Chunk(60).Select(line => new string(line) + "\n"));
}
