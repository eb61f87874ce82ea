using System.Globalization;
using System.Xml.Linq;
using static Dashboard.Testing.Fakes.Braintree.BraintreeXmlBuilder;

namespace Dashboard.Testing.Fakes.Braintree;

/// <summary>
/// A large merchant generated on demand, so the fake holds nothing per object: customer i ("c{i}") is created at
/// <see cref="Start"/> + i minutes with one active Basic subscription ("s{i}") and two settled sales ("t{i}x0", "t{i}x1",
/// 30 seconds apart). <see cref="ObjectCount"/> = 4 per customer.
/// </summary>
public sealed class SyntheticBraintreeData(int customers) : IBraintreeData
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public int Customers { get; } = customers;

    public int ObjectCount => Customers * 4;

    public IReadOnlyList<XElement> MerchantAccounts { get; } = [MerchantAccount("acme_usd", "USD", true)];

    public IReadOnlyList<XElement> Plans { get; } = [Plan("basic", "Basic", 20.00m, "USD", 1)];

    public IReadOnlyList<XElement> AddOns { get; } = [];

    public IReadOnlyList<XElement> Discounts { get; } = [];

    public IReadOnlyList<string> IdsCreatedBetween(string kind, DateTimeOffset? min, DateTimeOffset? max)
    {
        var ids = new List<string>();
        var first = min is { } from ? Math.Max(0, (int)Math.Floor((from - Start).TotalMinutes)) : 0;
        var last = max is { } to ? Math.Min(Customers - 1, (int)Math.Floor((to - Start).TotalMinutes)) : Customers - 1;
        for (var i = last; i >= first; i--)
        {
            foreach (var (id, created) in Objects(kind, i))
            {
                if ((min is null || created >= min) && (max is null || created <= max))
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    public XElement? Find(string kind, string id)
    {
        if (id.Length < 2 || !int.TryParse(id.AsSpan(1, (id.IndexOf('x', StringComparison.Ordinal) is var x and > 0 ? x : id.Length) - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= Customers)
        {
            return null;
        }

        return (kind, id[0]) switch
        {
            ("customers", 'c') => Customer($"c{i}", "Customer", i.ToString(CultureInfo.InvariantCulture), $"c{i}@example.com", Created(i), "US",
                new Dictionary<string, string> { ["segment"] = i % 2 == 0 ? "smb" : "mid" }, $"k{i}"),
            ("subscriptions", 's') => Subscription(i),
            ("transactions", 't') when id.EndsWith("x0", StringComparison.Ordinal) || id.EndsWith("x1", StringComparison.Ordinal) => Sale(i, id[^1] - '0'),
            _ => null,
        };
    }

    public string? PaymentMethodOwner(string token) =>
        token.StartsWith('k') && int.TryParse(token.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < Customers ? $"c{i}" : null;

    private static DateTimeOffset Created(int i) => Start.AddMinutes(i);

    private static IEnumerable<(string Id, DateTimeOffset Created)> Objects(string kind, int i) => kind switch
    {
        "customers" => [($"c{i}", Created(i))],
        "subscriptions" => [($"s{i}", Created(i))],
        "transactions" => [($"t{i}x1", Created(i).AddSeconds(30)), ($"t{i}x0", Created(i))],
        _ => [],
    };

    private static XElement Sale(int i, int k) =>
        Transaction($"t{i}x{k}", "sale", "settled", 20.00m, "USD", "acme_usd", $"c{i}", $"s{i}", Created(i).AddSeconds(30 * k), planId: "basic");

    private static XElement Subscription(int i) => new("subscription",
        Text("id", $"s{i}"), Money("balance", 0m), Date("first-billing-date", DateOnly.FromDateTime(Created(i).UtcDateTime)),
        Text("merchant-account-id", "acme_usd"), Boolean("never-expires", true), Integer("number-of-billing-cycles", null),
        Text("payment-method-token", $"k{i}"), Text("plan-id", "basic"), Money("price", 20.00m), Text("status", "Active"),
        Boolean("trial-period", false), DateTime("created-at", Created(i)), Array("add-ons", []), Array("discounts", []),
        Array("status-history", [StatusEvent(Created(i), "Active", 20.00m, 0m, "basic", "USD")]),
        Array("transactions", [Sale(i, 1), Sale(i, 0)]));
}
