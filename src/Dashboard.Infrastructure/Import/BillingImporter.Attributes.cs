using System.Data;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Batches;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Import;

public sealed partial class BillingImporter
{
    /// <summary>
    /// Sets attribute values in one transaction. A row whose customer is unknown or ambiguous is reported and skipped;
    /// an unknown field (fields are made by <see cref="Attributes.AttributeFieldService"/>) or a value of the wrong
    /// type refuses the whole call (<see cref="ImportValidationException"/>).
    /// </summary>
    public async Task<IReadOnlyList<AttributeAssignmentResult>> SetAttributesAsync(
        IReadOnlyList<AttributeAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var (results, customerIds) = await RetryOnConflictAsync(ct => SetAttributesOnceAsync(assignments, ct), cancellationToken);
        if (customerIds.Count > 0)
        {
            await NotifyAsync(new BillingChange(null, customerIds, BillingChangeKinds.Attributes), cancellationToken);
        }

        return results;
    }

    private async Task<(List<AttributeAssignmentResult>, List<long>)> SetAttributesOnceAsync(
        IReadOnlyList<AttributeAssignment> assignments, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var written = await SetAttributesInTransactionAsync(db, assignments, new AttributeChangeStamp(Now(), AttributeChangeOrigin.Api), ct);
        await transaction.CommitAsync(ct);
        return written;
    }

    /// <summary>
    /// Validates and writes attribute values inside <paramref name="db"/>'s open transaction, without committing; each
    /// changed value's history row (<see cref="AttributeHistory"/>) carries <paramref name="stamp"/>.
    /// </summary>
    private static async Task<(List<AttributeAssignmentResult>, List<long>)> SetAttributesInTransactionAsync(
        DashboardDbContext db, IReadOnlyList<AttributeAssignment> assignments, AttributeChangeStamp stamp, CancellationToken ct)
    {
        db.AttributeStamp = stamp;
        var fields = await db.AttributeFields.AsNoTracking().ToListAsync(ct);
        var values = ValidateAssignments(assignments, fields);
        var customers = await FindCustomersAsync(db, assignments, ct);
        var customerIds = customers.Select(c => c.Id).OfType<long>().Distinct().ToList();
        var stored = (await Chunks.LoadAsync(customerIds, ids => db.CustomerAttributes.Where(a => ids.Contains(a.CustomerId)).ToListAsync(ct)))
            .ToDictionary(a => (a.CustomerId, a.FieldId));
        var results = new List<AttributeAssignmentResult>();
        var changed = new HashSet<long>();
        for (var index = 0; index < assignments.Count; index++)
        {
            if (customers[index].Id is not { } customerId)
            {
                var outcome = customers[index].Ambiguous ? AttributeAssignmentOutcome.CustomerAmbiguous : AttributeAssignmentOutcome.CustomerNotFound;
                results.Add(new AttributeAssignmentResult(index, outcome, null));
                continue;
            }

            var (fieldId, value) = values[index];
            if (stored.TryGetValue((customerId, fieldId), out var attribute) && attribute.Value == value)
            {
                results.Add(new AttributeAssignmentResult(index, AttributeAssignmentOutcome.Unchanged, customerId));
                continue;
            }

            if (attribute is null)
            {
                attribute = new CustomerAttribute { CustomerId = customerId, FieldId = fieldId, Value = value };
                stored[(customerId, fieldId)] = attribute;
                db.CustomerAttributes.Add(attribute);
            }

            attribute.Value = value;
            changed.Add(customerId);
            results.Add(new AttributeAssignmentResult(index, AttributeAssignmentOutcome.Applied, customerId));
        }

        await db.SaveChangesAsync(ct);
        return (results, changed.Order().ToList());
    }

    /// <summary>Finds each row's customer: by oid (narrowed by source when given), else by email, case-insensitively.</summary>
    private static async Task<List<(long? Id, bool Ambiguous)>> FindCustomersAsync(
        DashboardDbContext db, IReadOnlyList<AttributeAssignment> rows, CancellationToken ct)
    {
        var oids = rows.Select(r => Normalize.Text(r.CustomerOid)).OfType<string>();
        var byOid = (await Chunks.LoadAsync(oids, keys => db.Customers.AsNoTracking()
                .Where(c => keys.Contains(c.ExternalId))
                .Select(c => new CustomerKey(c.Id, c.SourceId, c.ExternalId)).ToListAsync(ct)))
            .ToLookup(c => c.Key, StringComparer.Ordinal);
        var emails = rows.Select(r => Normalize.Text(r.CustomerEmail)?.ToLowerInvariant()).OfType<string>();
        var byEmail = (await Chunks.LoadAsync(emails, keys => db.Customers.AsNoTracking()
                .Where(c => c.Email != null && keys.Contains(c.Email.ToLower()))
                .Select(c => new CustomerKey(c.Id, c.SourceId, c.Email!.ToLower())).ToListAsync(ct)))
            .ToLookup(c => c.Key, StringComparer.Ordinal);

        return rows.Select(row =>
        {
            var matches = Normalize.Text(row.CustomerOid) is { } oid
                ? byOid[oid].Where(c => row.SourceId is null || c.SourceId == row.SourceId).ToList()
                : [];
            if (matches.Count == 0 && Normalize.Text(row.CustomerEmail) is { } email)
            {
                matches = byEmail[email.ToLowerInvariant()].Where(c => row.SourceId is null || c.SourceId == row.SourceId).ToList();
            }

            return matches.Count == 1 ? (matches[0].Id, false) : ((long?)null, matches.Count > 1);
        }).ToList();
    }

    private sealed record CustomerKey(long Id, long SourceId, string Key);

    private static List<(long FieldId, string Value)> ValidateAssignments(IReadOnlyList<AttributeAssignment> assignments, List<AttributeField> fields)
    {
        var errors = new List<ImportError>();
        var values = new List<(long, string)>();
        for (var index = 0; index < assignments.Count; index++)
        {
            var row = assignments[index];
            void Fail(string field, string message) => errors.Add(new ImportError(index, row.CustomerOid ?? row.CustomerEmail, field, message));

            if (Normalize.Text(row.CustomerOid) is null && Normalize.Text(row.CustomerEmail) is null)
            {
                Fail("customer_oid", "is required (or customer_email).");
            }

            var field = row.FieldId is { } id ? fields.FirstOrDefault(f => f.Id == id)
                : Normalize.Text(row.Key) is { } key ? fields.FirstOrDefault(f => f.Key == key) : null;
            if (field is null)
            {
                Fail(row.FieldId is null ? "key" : "field_id", row.FieldId is null && Normalize.Text(row.Key) is null
                    ? "is required (or field_id)."
                    : $"No attribute field '{row.FieldId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? row.Key}' exists.");
                values.Add((0, string.Empty));
                continue;
            }

            if (row.Value is null || !AttributeValues.TryNormalize(field.Type, row.Value, out var value))
            {
                Fail("value", $"'{row.Value}' is not a {field.Type.ToString().ToLowerInvariant()} (field '{field.Key}').");
                values.Add((0, string.Empty));
                continue;
            }

            values.Add((field.Id, value));
        }

        return errors.Count > 0 ? throw new ImportValidationException(errors) : values;
    }
}
