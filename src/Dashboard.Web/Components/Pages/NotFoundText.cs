using Dashboard.Core.Metrics;

namespace Dashboard.Web.Components.Pages;

/// <summary>
/// What the not-found page says for an address: a metric, customer or page that does not exist, named, with a link to
/// where the user can find what exists.
/// </summary>
public sealed record NotFoundText(string Title, string Detail, string Name, string LinkHref, string LinkText, string TestId)
{
    /// <summary>The text for <paramref name="path"/>, the address relative to the app's base ("metrics/bogus?range=...").</summary>
    public static NotFoundText For(string path)
    {
        var address = path.Split('?', '#')[0].Trim('/');
        var parts = address.Split('/');
        if (parts is ["metrics", var metric] && metric.Length > 0 && !MetricCatalog.TryGet(Uri.UnescapeDataString(metric), out _))
        {
            return new("No such metric", "There is no metric named", Uri.UnescapeDataString(metric), "metrics", "See all metrics", "metric-not-found");
        }

        if (parts is ["customers", var customer] && customer.Length > 0)
        {
            return new("Customer not found", "No customer has the id", Uri.UnescapeDataString(customer), "customers", "Find the customer on the customer list", "customer-not-found");
        }

        if (address is "not-found" or "")
        {
            return new("Page not found", "Nothing is at this address", string.Empty, "", "Go to the Overview", "page-not-found");
        }

        return new("Page not found", "There is no page at", "/" + Uri.UnescapeDataString(address), "", "Go to the Overview", "page-not-found");
    }
}
