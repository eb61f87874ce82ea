using System.Text.Json.Nodes;

namespace Dashboard.Testing.Fakes;

/// <summary>
/// Renders an event's <c>data.object</c> in an older account API version, as Stripe does for events and webhooks:
/// in 2024-06-20 a subscription carries <c>current_period_start/end</c> at the top and its items none, an invoice names
/// its <c>subscription</c> at the top with no <c>parent</c>, and an invoice line names <c>subscription</c>,
/// <c>price</c> and <c>proration</c> at the top with no <c>parent</c> or <c>pricing</c>.
/// </summary>
public static class StripeEventRendering
{
    public static JsonObject Render(JsonObject stripeEvent, string version)
    {
        stripeEvent["api_version"] = version;
        if (version != FakeStripeServer.AccountApiVersion || stripeEvent["data"]?["object"] is not JsonObject obj)
        {
            return stripeEvent;
        }

        switch ((string?)obj["object"])
        {
            case "subscription":
                var items = obj["items"]?["data"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
                if (items.Count > 0)
                {
                    obj["current_period_start"] = items.Max(i => (long?)i["current_period_start"]);
                    obj["current_period_end"] = items.Max(i => (long?)i["current_period_end"]);
                }

                foreach (var item in items)
                {
                    item.Remove("current_period_start");
                    item.Remove("current_period_end");
                }

                break;
            case "invoice":
                obj["subscription"] = obj["parent"]?["subscription_details"]?["subscription"]?.DeepClone();
                obj.Remove("parent");
                foreach (var line in obj["lines"]?["data"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    var details = line["parent"]?["subscription_item_details"] ?? line["parent"]?["invoice_item_details"];
                    line["subscription"] = details?["subscription"]?.DeepClone();
                    line["proration"] = details?["proration"]?.DeepClone() ?? false;
                    line["price"] = line["pricing"]?["price_details"]?["price"]?.DeepClone();
                    line.Remove("parent");
                    line.Remove("pricing");
                }

                break;
        }

        return stripeEvent;
    }
}
