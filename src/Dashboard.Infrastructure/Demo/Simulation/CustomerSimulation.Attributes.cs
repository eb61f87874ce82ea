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
        // The history draws from its own stream, so the values (and everything drawn after them) stay as they were.
        var history = new AttributeStory(this, new DemoRandom(world.Options.Seed, -1 - (long)index), created);
        var (medium, campaign) = DemoVocabulary.Campaign(channel, random, created.Year);
        history.SetAtSignup("utm_source", channel);
        if (medium is not null)
        {
            history.SetAtSignup("utm_medium", medium);
        }

        if (campaign is not null)
        {
            history.SetAtSignup("utm_campaign", campaign);
        }

        var lastState = last.States[^1];
        var activeUntil = last.CanceledAt ?? end;
        if (salesLed)
        {
            history.Reassigned("crm_owner", random.Pick(DemoVocabulary.CrmOwners), DemoVocabulary.CrmOwners, activeUntil);
        }

        history.SetAtSignup("industry", industry);

        var activeDays = firstPaid is { } paid ? Math.Max(0, (activeUntil - paid).TotalDays) : random.Between(0, 14);
        var perDay = random.LogNormal(lastState.Quantity > 1 ? 1.5 * lastState.Quantity : 2.5, 0.9);
        history.Counted("files_uploaded", (long)Math.Round(activeDays * perDay), firstPaid ?? created, activeUntil);
        var seats = lastState.Quantity > 1
            ? Math.Max(1, lastState.Quantity - random.Next(0, 3))
            : random.Next(1, 6);
        history.Counted("seats_used", seats, created, activeUntil);
        history.SetAtSignup("signup_date", created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var optedIn = random.Chance(channel == "newsletter" ? 0.95 : 0.4);
        history.OptIn("newsletter_opt_in", optedIn, activeUntil);
    }

    private void Attribute(string key, string value)
    {
        var attribute = new CustomerAttribute { CustomerId = customer.Id, FieldId = world.Catalog.FieldId(key), Value = value };
        customer.Attributes.Add(attribute);
        batch.Attributes.Add(attribute);
    }

    private void Change(string key, string? before, string after, DateTimeOffset at) =>
        batch.AttributeChanges.Add(new CustomerAttributeChange
        {
            Id = ++ids.AttributeChange,
            CustomerId = customer.Id,
            FieldId = world.Catalog.FieldId(key),
            PreviousValue = before,
            NewValue = after,
            ChangedAt = at,
            Origin = AttributeChangeOrigin.Demo,
        });

    /// <summary>
    /// Writes each final value with the dated changes that led to it: marketing values at signup, CRM owners who
    /// sometimes hand the account over, usage counts that grew, newsletter opt-outs. Every change ends at the value kept.
    /// </summary>
    private sealed class AttributeStory(CustomerSimulation customer, DemoRandom random, DateTimeOffset created)
    {
        public void SetAtSignup(string key, string value)
        {
            customer.Attribute(key, value);
            customer.Change(key, null, value, created);
        }

        /// <summary>An owner from signup; about a third of accounts changed hands once or twice before <paramref name="until"/>.</summary>
        public void Reassigned(string key, string owner, IReadOnlyList<string> owners, DateTimeOffset until)
        {
            customer.Attribute(key, owner);
            var handovers = random.Chance(0.35) ? (random.Chance(0.3) ? 2 : 1) : 0;
            var chain = new List<string> { owner };
            while (chain.Count <= handovers)
            {
                var earlier = random.Pick(owners);
                if (earlier != chain[0])
                {
                    chain.Insert(0, earlier);
                }
            }

            var dates = Between(created, until, chain.Count - 1);
            customer.Change(key, null, chain[0], created);
            for (var i = 1; i < chain.Count; i++)
            {
                customer.Change(key, chain[i - 1], chain[i], dates[i - 1]);
            }
        }

        /// <summary>A usage count first reported a few days after <paramref name="from"/>, then grown to its value by <paramref name="until"/>.</summary>
        public void Counted(string key, long value, DateTimeOffset from, DateTimeOffset until)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            customer.Attribute(key, text);
            var first = Math.Min(value, (long)Math.Round(value * random.Between(0.05, 0.6)));
            var firstAt = Min(from.AddDays(random.Next(1, 8)), until, customer.end);
            var firstText = first.ToString(CultureInfo.InvariantCulture);
            customer.Change(key, null, firstText, firstAt);
            if (first != value)
            {
                customer.Change(key, firstText, text, Between(firstAt, Min(until, customer.end), 1)[0]);
            }
        }

        /// <summary>Opted in or not at signup; a quarter of those who end opted out had opted in at first.</summary>
        public void OptIn(string key, bool optedIn, DateTimeOffset until)
        {
            var value = optedIn ? "true" : "false";
            customer.Attribute(key, value);
            if (!optedIn && random.Chance(0.25))
            {
                customer.Change(key, null, "true", created);
                customer.Change(key, "true", "false", Between(created, Min(until, customer.end), 1)[0]);
            }
            else
            {
                customer.Change(key, null, value, created);
            }
        }

        /// <summary><paramref name="count"/> ordered instants strictly inside (from, to), whole seconds; all at <paramref name="to"/> when there is no room.</summary>
        private List<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to, int count)
        {
            var span = (to - from).TotalSeconds;
            return Enumerable.Range(0, count)
                .Select(_ => span <= 2 ? to : from.AddSeconds(Math.Round(random.Between(1, span - 1))))
                .Order().ToList();
        }

        private static DateTimeOffset Min(params DateTimeOffset[] instants) => instants.Min();
    }
}
