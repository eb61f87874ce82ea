using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Dashboard.Infrastructure.Sources.Braintree.Webhooks;

/// <summary>
/// A webhook notification as Braintree signs it: <c>bt_payload</c> is base64 (with line breaks) of
/// <c>&lt;notification&gt;</c> with its <c>kind</c>, <c>timestamp</c> and <c>subject</c>. <see cref="ObjectId"/> is the
/// id of the subject's object (the subscription, the transaction; for a dispute the disputed transaction), empty for
/// kinds without one (<c>check</c>).
/// </summary>
public sealed record BraintreeNotification(string Kind, string ObjectId, DateTimeOffset Timestamp)
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    /// <summary>The notification in a verified payload; <see cref="FormatException"/> naming what is wrong otherwise.</summary>
    public static BraintreeNotification Parse(string payload)
    {
        XElement root;
        try
        {
            var xml = Convert.FromBase64String(payload);
            using var stream = new MemoryStream(xml);
            using var reader = XmlReader.Create(stream, Settings);
            root = XElement.Load(reader);
        }
        catch (Exception e) when (e is FormatException or XmlException)
        {
            throw new FormatException($"bt_payload is not base64 of an XML document: {e.Message}", e);
        }

        if (root.Name.LocalName != "notification")
        {
            throw new FormatException($"bt_payload's root element is <{root.Name.LocalName}>, not <notification>.");
        }

        var kind = Text(root, "kind") ?? throw new FormatException("<notification> has no <kind>.");
        var timestampText = Text(root, "timestamp") ?? throw new FormatException("<notification> has no <timestamp>.");
        if (!DateTimeOffset.TryParse(timestampText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            throw new FormatException($"<timestamp> '{timestampText}' is not a date and time.");
        }

        var subject = root.Element("subject")?.Elements().FirstOrDefault();
        var owner = subject?.Name.LocalName == "dispute" ? subject.Element("transaction") : subject;
        return new BraintreeNotification(kind, owner is null ? string.Empty : Text(owner, "id") ?? string.Empty, timestamp);
    }

    private static string? Text(XElement parent, string name) =>
        parent.Element(name)?.Value.Trim() is { Length: > 0 } value ? value : null;
}
