using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Infrastructure.Demo;

namespace Dashboard.Infrastructure.Tests.Demo;

/// <summary>
/// A SHA-256 over every generated row and field as invariant text: one hash per table over its rows in stream order
/// (so how the stream is cut into batches does not matter), then a hash of those.
/// </summary>
internal static class DemoHash
{
    public static string Compute(DemoDataGenerator generator)
    {
        var tables = new SortedDictionary<string, IncrementalHash>(StringComparer.Ordinal);
        var line = new StringBuilder();

        void Row(params object?[] values)
        {
            var table = (string)values[0]!;
            if (!tables.TryGetValue(table, out var hash))
            {
                tables[table] = hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            }

            line.Clear();
            foreach (var value in values)
            {
                line.Append(value switch
                {
                    null => "<null>",
                    DateTimeOffset t => t.UtcTicks.ToString(CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                }).Append('|');
            }

            line.Append('\n');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }

        var catalog = generator.Catalog;
        Row("source", catalog.Source.Id, catalog.Source.Name, catalog.Source.Provider, catalog.Source.CreatedAt);
        foreach (var p in catalog.Plans)
        {
            Row("plan", p.Id, p.SourceId, p.ExternalId, p.Name, p.Currency, p.AmountMinor, p.Interval, p.IntervalCount, p.TrialDuration, p.TrialDurationUnit, p.IsMetered);
        }

        foreach (var f in catalog.AttributeFields)
        {
            Row("field", f.Id, f.Key, f.Title, f.Type);
        }

        foreach (var r in catalog.CancellationReasons)
        {
            Row("reason", r.Id, r.Text, r.SortKey);
        }

        foreach (var batch in generator.GenerateBatches())
        {
            foreach (var c in batch.Customers)
            {
                Row("customer", c.Id, c.SourceId, c.ExternalId, c.Name, c.Email, c.Country, c.Currency, c.Notes, c.CreatedAt);
            }

            foreach (var a in batch.Attributes)
            {
                Row("attribute", a.CustomerId, a.FieldId, a.Value);
            }

            foreach (var s in batch.Subscriptions)
            {
                Row("subscription", s.Id, s.SourceId, s.ExternalId, s.CustomerId, s.StartedAt, s.TrialEnd, s.CanceledAt, s.CancelRequestedAt);
            }

            foreach (var s in batch.States)
            {
                Row("state", s.Id, s.SubscriptionId, s.EffectiveFrom, s.PlanId, s.Quantity, s.DiscountMinor, s.Status);
            }

            foreach (var a in batch.AddOns)
            {
                Row("addon", a.Id, a.SubscriptionStateId, a.ExternalId, a.AmountMinor, a.Quantity);
            }

            foreach (var c in batch.Charges)
            {
                Row("charge", c.Id, c.SourceId, c.ExternalId, c.CustomerId, c.SubscriptionId, c.AmountMinor, c.FeeMinor, c.Currency, c.CreatedAt, c.Status, c.Kind);
            }

            foreach (var r in batch.Refunds)
            {
                Row("refund", r.Id, r.SourceId, r.ExternalId, r.ChargeId, r.AmountMinor, r.Currency, r.CreatedAt);
            }

            foreach (var e in batch.CancellationEvents)
            {
                Row("cancellation", e.Id, e.CustomerId, e.ReasonId, e.Comment, e.OccurredAt, e.SubscriptionExternalIds);
            }
        }

        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (table, hash) in tables)
        {
            all.AppendData(Encoding.UTF8.GetBytes(table));
            all.AppendData(hash.GetHashAndReset());
            hash.Dispose();
        }

        return Convert.ToHexString(all.GetHashAndReset());
    }
}
