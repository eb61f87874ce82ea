using System.Globalization;
using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo.Simulation;

// What the customer tells: marketing and behaviour attributes, and the reasons given for cancelling.
internal sealed partial class CustomerSimulation
{
    private void WriteCancellationEvents()
    {
        if (!world.Options.IncludeCancellationInsights)
        {
            return;
        }

        foreach (var subscription in subscriptions)
        {
            if (subscription.CancelRequestedAt is not { } at || !random.Chance(0.7))
            {
                continue;
            }

            var reason = random.Pick(DemoVocabulary.CancellationReasons);
            var reasonIndex = Array.FindIndex(DemoVocabulary.CancellationReasons, r => r.Item == reason);
            batch.CancellationEvents.Add(new CancellationEvent
            {
                Id = ++ids.CancellationEvent,
                CustomerId = customer.Id,
                ReasonId = world.Catalog.ReasonId(reasonIndex),
                Comment = random.Chance(0.25) ? random.Pick(DemoVocabulary.CancellationComments) : null,
                OccurredAt = at,
                SubscriptionExternalIds = subscription.ExternalId,
            });
        }
    }

    private void WriteAttributes(string channel, string industry, bool salesLed, DateTimeOffset created, DateTimeOffset? firstPaid, Subscription last)
    {
        var (medium, campaign) = DemoVocabulary.Campaign(channel, random, created.Year);
        Attribute("utm_source", channel);
        if (medium is not null)
        {
            Attribute("utm_medium", medium);
        }

        if (campaign is not null)
        {
            Attribute("utm_campaign", campaign);
        }

        if (salesLed)
        {
            Attribute("crm_owner", random.Pick(DemoVocabulary.CrmOwners));
        }

        Attribute("industry", industry);

        var lastState = last.States[^1];
        var activeUntil = last.CanceledAt ?? end;
        var activeDays = firstPaid is { } paid ? Math.Max(0, (activeUntil - paid).TotalDays) : random.Between(0, 14);
        var perDay = random.LogNormal(lastState.Quantity > 1 ? 1.5 * lastState.Quantity : 2.5, 0.9);
        Attribute("files_uploaded", ((long)Math.Round(activeDays * perDay)).ToString(CultureInfo.InvariantCulture));
        var seats = lastState.Quantity > 1
            ? Math.Max(1, lastState.Quantity - random.Next(0, 3))
            : random.Next(1, 6);
        Attribute("seats_used", seats.ToString(CultureInfo.InvariantCulture));
        Attribute("signup_date", created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Attribute("newsletter_opt_in", random.Chance(channel == "newsletter" ? 0.95 : 0.4) ? "true" : "false");
    }

    private void Attribute(string key, string value)
    {
        var attribute = new CustomerAttribute { CustomerId = customer.Id, FieldId = world.Catalog.FieldId(key), Value = value };
        customer.Attributes.Add(attribute);
        batch.Attributes.Add(attribute);
    }
}
