using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Data;

/// <summary>When attribute values are written and by what path; see <see cref="DashboardDbContext.AttributeStamp"/>.</summary>
public sealed record AttributeChangeStamp(DateTimeOffset At, AttributeChangeOrigin? Origin);

/// <summary>
/// The one writer of <see cref="CustomerAttributeChange"/> rows for values written through EF Core: before each save it
/// turns every added, changed or removed <see cref="CustomerAttribute"/> the context tracks into a history row in the
/// same save (so in the same transaction). An unchanged value writes nothing. Bulk writers that bypass the change
/// tracker call <see cref="ForNew"/> for the rows they insert.
/// </summary>
public static class AttributeHistory
{
    public static void RecordTracked(DashboardDbContext db)
    {
        // One full scan first, so a value added or removed through a tracked customer's Attributes navigation is an
        // entry here too; the save then finds nothing new to detect.
        var tracker = db.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        if (autoDetect)
        {
            tracker.DetectChanges();
        }

        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var changes = new List<CustomerAttributeChange>();
            HashSet<long>? deletedCustomers = null, deletedFields = null;
            foreach (var entry in tracker.Entries<CustomerAttribute>())
            {
                var value = entry.Property(a => a.Value);
                switch (entry.State)
                {
                    case EntityState.Added:
                        changes.Add(Change(db, entry.Entity, null, entry.Entity.Value));
                        break;
                    case EntityState.Modified when value.IsModified && !string.Equals(value.OriginalValue, value.CurrentValue, StringComparison.Ordinal):
                        changes.Add(Change(db, entry.Entity, value.OriginalValue, value.CurrentValue));
                        break;
                    case EntityState.Deleted:
                        // A value removed with its customer or field leaves no history: that goes too.
                        deletedCustomers ??= tracker.Entries<Customer>().Where(c => c.State == EntityState.Deleted).Select(c => c.Entity.Id).ToHashSet();
                        deletedFields ??= tracker.Entries<AttributeField>().Where(f => f.State == EntityState.Deleted).Select(f => f.Entity.Id).ToHashSet();
                        if (!deletedCustomers.Contains(entry.Entity.CustomerId) && !deletedFields.Contains(entry.Entity.FieldId))
                        {
                            changes.Add(Change(db, entry.Entity, value.OriginalValue, null));
                        }

                        break;
                }
            }

            if (changes.Count > 0)
            {
                db.CustomerAttributeChanges.AddRange(changes);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>History rows for values inserted without the change tracker (first values: nothing before them).</summary>
    public static List<CustomerAttributeChange> ForNew(DashboardDbContext db, IEnumerable<CustomerAttribute> inserted) =>
        inserted.Select(a => Change(db, a, null, a.Value)).ToList();

    private static CustomerAttributeChange Change(DashboardDbContext db, CustomerAttribute attribute, string? before, string? after)
    {
        var stamp = db.AttributeStamp ?? throw new InvalidOperationException(
            "Attribute values are written with a stamp (DashboardDbContext.AttributeStamp: when and by what) so their history is kept.");
        return new CustomerAttributeChange
        {
            CustomerId = attribute.CustomerId,
            FieldId = attribute.FieldId,
            PreviousValue = before,
            NewValue = after,
            ChangedAt = stamp.At,
            Origin = stamp.Origin,
        };
    }
}
