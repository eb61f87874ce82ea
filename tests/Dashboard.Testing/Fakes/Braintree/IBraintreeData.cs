using System.Xml.Linq;

namespace Dashboard.Testing.Fakes.Braintree;

/// <summary>What the fake gateway serves: kinds are "customers", "subscriptions", "transactions".</summary>
public interface IBraintreeData
{
    IReadOnlyList<XElement> MerchantAccounts { get; }
    IReadOnlyList<XElement> Plans { get; }
    IReadOnlyList<XElement> AddOns { get; }
    IReadOnlyList<XElement> Discounts { get; }

    /// <summary>Ids of the objects of <paramref name="kind"/> with created-at in [min, max], newest first like Braintree.</summary>
    IReadOnlyList<string> IdsCreatedBetween(string kind, DateTimeOffset? min, DateTimeOffset? max);

    XElement? Find(string kind, string id);

    /// <summary>The customer owning a payment method token.</summary>
    string? PaymentMethodOwner(string token);
}

/// <summary>Objects put by a test, replaced by id.</summary>
public sealed class InMemoryBraintreeData : IBraintreeData
{
    private readonly object gate = new();
    private readonly Dictionary<string, Dictionary<string, (XElement Element, DateTimeOffset Created)>> objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);

    public List<XElement> MerchantAccountList { get; } = [];
    public List<XElement> PlanList { get; } = [];
    public List<XElement> AddOnList { get; } = [];
    public List<XElement> DiscountList { get; } = [];

    public IReadOnlyList<XElement> MerchantAccounts => MerchantAccountList;
    public IReadOnlyList<XElement> Plans => PlanList;
    public IReadOnlyList<XElement> AddOns => AddOnList;
    public IReadOnlyList<XElement> Discounts => DiscountList;

    public void Put(string kind, XElement element)
    {
        var id = element.Element("id")!.Value;
        var created = DateTimeOffset.Parse(element.Element("created-at")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        lock (gate)
        {
            var items = objects.TryGetValue(kind, out var existing) ? existing : objects[kind] = new(StringComparer.Ordinal);
            items[id] = (element, created);
            if (kind == "customers")
            {
                foreach (var card in element.Element("credit-cards")?.Elements() ?? [])
                {
                    tokens[card.Element("token")!.Value] = id;
                }
            }
        }
    }

    public void Remove(string kind, string id)
    {
        lock (gate)
        {
            objects.GetValueOrDefault(kind)?.Remove(id);
        }
    }

    public IReadOnlyList<string> IdsCreatedBetween(string kind, DateTimeOffset? min, DateTimeOffset? max)
    {
        lock (gate)
        {
            return objects.GetValueOrDefault(kind)?.Values
                .Where(o => (min is null || o.Created >= min) && (max is null || o.Created <= max))
                .OrderByDescending(o => o.Created).Select(o => o.Element.Element("id")!.Value).ToList() ?? [];
        }
    }

    public XElement? Find(string kind, string id)
    {
        lock (gate)
        {
            return objects.GetValueOrDefault(kind)?.GetValueOrDefault(id).Element;
        }
    }

    public string? PaymentMethodOwner(string token)
    {
        lock (gate)
        {
            return tokens.GetValueOrDefault(token);
        }
    }
}
