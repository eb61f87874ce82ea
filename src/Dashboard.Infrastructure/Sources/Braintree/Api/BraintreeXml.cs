using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Dashboard.Infrastructure.Sources.Braintree.Api;

/// <summary>
/// Reads the gateway's XML: dashed element names, typed values (<c>type="integer|decimal|boolean|datetime|date|array"</c>)
/// and <c>nil="true"</c> for nulls. Strict: a value that does not fit its type, a declared type other than the one
/// expected, or a missing required element fails with a <see cref="BraintreeXmlException"/> naming the element's path.
/// </summary>
public static class BraintreeXml
{
    public static async Task<XElement> LoadAsync(Stream body, string what, string? expectedRoot, CancellationToken cancellationToken)
    {
        XDocument document;
        try
        {
            document = await XDocument.LoadAsync(body, LoadOptions.None, cancellationToken);
        }
        catch (XmlException e)
        {
            throw new BraintreeXmlException($"Braintree answered {what} with malformed XML: {e.Message}", e);
        }

        var root = document.Root!;
        if (expectedRoot is not null && root.Name.LocalName != expectedRoot)
        {
            throw new BraintreeXmlException($"Braintree answered {what} with <{root.Name.LocalName}> where <{expectedRoot}> was expected.");
        }

        return root;
    }

    /// <summary>"subscription/status-history/status-event/price".</summary>
    public static string PathOf(XElement element) =>
        string.Join('/', element.AncestorsAndSelf().Reverse().Select(e => e.Name.LocalName));

    public static bool IsNil(XElement element) => (string?)element.Attribute("nil") == "true";

    public static string? Text(this XElement parent, string name)
    {
        var child = parent.Element(name);
        return child is null || IsNil(child) ? null : child.Value;
    }

    public static string RequiredText(this XElement parent, string name)
    {
        var text = parent.Text(name);
        return string.IsNullOrEmpty(text) ? throw Missing(parent, name) : text;
    }

    public static decimal? Decimal(this XElement parent, string name) =>
        Typed(parent, name, "decimal", text => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : (decimal?)null, allowUntyped: true);

    public static decimal RequiredDecimal(this XElement parent, string name) => parent.Decimal(name) ?? throw Missing(parent, name);

    public static int? Integer(this XElement parent, string name) =>
        Typed(parent, name, "integer", text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : (int?)null, allowUntyped: false);

    public static bool? Boolean(this XElement parent, string name) =>
        Typed(parent, name, "boolean", text => text switch { "true" => true, "false" => false, _ => (bool?)null }, allowUntyped: false);

    public static DateTimeOffset? DateTime(this XElement parent, string name) =>
        Typed(parent, name, "datetime", text => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var v) ? v : (DateTimeOffset?)null, allowUntyped: false);

    public static DateTimeOffset RequiredDateTime(this XElement parent, string name) => parent.DateTime(name) ?? throw Missing(parent, name);

    public static DateOnly? Date(this XElement parent, string name) =>
        Typed(parent, name, "date", text => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : (DateOnly?)null, allowUntyped: false);

    /// <summary>The items of a <c>type="array"</c> child; none when it is absent.</summary>
    public static IEnumerable<XElement> Array(this XElement parent, string name)
    {
        var child = parent.Element(name);
        if (child is null || IsNil(child))
        {
            return [];
        }

        if ((string?)child.Attribute("type") is not ("array" or "collection"))
        {
            throw new BraintreeXmlException($"Element '{PathOf(child)}' should be a type=\"array\" list.");
        }

        return child.Elements();
    }

    /// <summary>The simple child elements of <paramref name="name"/> as key and text (custom fields).</summary>
    public static IReadOnlyDictionary<string, string> Fields(this XElement parent, string name)
    {
        var child = parent.Element(name);
        if (child is null || IsNil(child))
        {
            return new Dictionary<string, string>();
        }

        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in child.Elements().Where(e => !IsNil(e)))
        {
            if (field.HasElements)
            {
                throw new BraintreeXmlException($"Element '{PathOf(field)}' should hold text, not elements.");
            }

            fields[field.Name.LocalName.Replace('-', '_')] = field.Value;
        }

        return fields;
    }

    public static BraintreeXmlException Missing(XElement parent, string name) =>
        new($"Element '{PathOf(parent)}/{name}' is missing or empty.");

    private static T? Typed<T>(XElement parent, string name, string type, Func<string, T?> parse, bool allowUntyped)
        where T : struct
    {
        var child = parent.Element(name);
        if (child is null || IsNil(child))
        {
            return null;
        }

        var declared = (string?)child.Attribute("type");
        if (declared is not null ? declared != type : !allowUntyped)
        {
            throw new BraintreeXmlException($"Element '{PathOf(child)}' should be type=\"{type}\" but is {(declared is null ? "untyped" : $"type=\"{declared}\"")}.");
        }

        var text = child.Value.Trim();
        if (text.Length == 0 && type != "boolean")
        {
            return null;
        }

        return parse(text) ?? throw new BraintreeXmlException($"Element '{PathOf(child)}' holds '{Clip(text)}', which is not a valid {type}.");
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
