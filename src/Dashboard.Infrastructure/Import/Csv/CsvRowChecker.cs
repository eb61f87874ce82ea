using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import.Operations;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>
/// The first pass's checks of one chunk of rows: the importer's own validator, then lookups of every referenced
/// object in the source (one query per referenced kind and chunk, so memory does not grow with the file).
/// </summary>
internal sealed class CsvRowChecker
{
    private readonly IDbContextFactory<DashboardDbContext> contextFactory;
    private readonly CsvImportOptions options;
    private readonly CsvErrorSink errors;
    private readonly Dictionary<string, AttributeType> fieldTypes;
    private readonly Dictionary<long, HashSet<string>> parseFailures = [];

    private CsvRowChecker(
        IDbContextFactory<DashboardDbContext> contextFactory, CsvImportOptions options, CsvErrorSink errors, Dictionary<string, AttributeType> fieldTypes)
    {
        this.contextFactory = contextFactory;
        this.options = options;
        this.errors = errors;
        this.fieldTypes = fieldTypes;
    }

    public static async Task<CsvRowChecker> CreateAsync(
        IDbContextFactory<DashboardDbContext> contextFactory, CsvImportOptions options, CsvErrorSink errors, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var fields = await db.AttributeFields.AsNoTracking().ToDictionaryAsync(f => f.Key, f => f.Type, StringComparer.Ordinal, ct);
        return new CsvRowChecker(contextFactory, options, errors, fields);
    }

    public void AddParseFailures(long line, HashSet<string> fields) => parseFailures[line] = [.. fields];

    public async Task CheckAsync(List<CsvRow> chunk, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        if (options.Kind == CsvImportKind.Attributes)
        {
            await CheckAttributesAsync(db, chunk, ct);
        }
        else
        {
            CheckOperations(chunk);
            await CheckReferencesAsync(db, chunk, ct);
        }

        parseFailures.Clear();
    }

    private void CheckOperations(List<CsvRow> chunk)
    {
        var operations = chunk.Select(r => (ImportOperation)r.Row).ToList();
        foreach (var error in OperationValidator.Validate(operations))
        {
            var line = chunk[error.Index].Line;
            // A cell that did not parse is already reported; the validator would only add "is required" for it.
            if (!parseFailures.TryGetValue(line, out var failed) || !failed.Contains(error.Field))
            {
                errors.Add(new CsvRowError(line, error.Field, error.Message));
            }
        }
    }

    private async Task CheckReferencesAsync(DashboardDbContext db, List<CsvRow> chunk, CancellationToken ct)
    {
        var source = options.SourceId;
        switch (options.Kind)
        {
            case CsvImportKind.Subscriptions:
                var subscriptions = chunk.Select(r => (r.Line, Op: (SubscriptionImport)r.Row)).ToList();
                await ReportMissingAsync(subscriptions.Select(s => (s.Line, s.Op.CustomerOid)), "customer_oid", "customer",
                    keys => db.Customers.Where(c => c.SourceId == source && keys.Contains(c.ExternalId)).Select(c => c.ExternalId), ct);
                await ReportMissingAsync(subscriptions.Select(s => (s.Line, s.Op.PlanOid)), "plan_oid", "plan",
                    keys => db.Plans.Where(p => p.SourceId == source && keys.Contains(p.ExternalId)).Select(p => p.ExternalId), ct);
                break;
            case CsvImportKind.Charges:
                var charges = chunk.Select(r => (r.Line, Op: (ChargeImport)r.Row)).ToList();
                await ReportMissingAsync(charges.Select(c => (c.Line, c.Op.CustomerOid)), "customer_oid", "customer",
                    keys => db.Customers.Where(c => c.SourceId == source && keys.Contains(c.ExternalId)).Select(c => c.ExternalId), ct);
                var owners = await LookupAsync(charges.Select(c => c.Op.SubscriptionOid), keys => db.Subscriptions
                    .Where(s => s.SourceId == source && keys.Contains(s.ExternalId))
                    .Join(db.Customers, s => s.CustomerId, c => c.Id, (s, c) => new KeyValuePair<string, string>(s.ExternalId, c.ExternalId)), ct);
                foreach (var (line, charge) in charges.Where(c => c.Op.SubscriptionOid is not null))
                {
                    var oid = charge.SubscriptionOid!.Trim();
                    if (!owners.TryGetValue(oid, out var owner))
                    {
                        errors.Add(new CsvRowError(line, "subscription_oid", $"No subscription '{oid}' in source {source} (import the subscriptions first)."));
                    }
                    else if (charge.CustomerOid is { } customer && owner != customer.Trim())
                    {
                        errors.Add(new CsvRowError(line, "subscription_oid", $"Subscription '{oid}' belongs to customer '{owner}', not '{customer.Trim()}'."));
                    }
                }

                break;
            case CsvImportKind.Refunds:
                var refunds = chunk.Select(r => (r.Line, Op: (RefundImport)r.Row)).ToList();
                var refunded = await LookupAsync(refunds.Select(r => r.Op.ChargeOid), keys => db.Charges
                    .Where(c => c.SourceId == source && keys.Contains(c.ExternalId))
                    .Select(c => new KeyValuePair<string, (string Currency, ChargeStatus Status)>(c.ExternalId, new ValueTuple<string, ChargeStatus>(c.Currency, c.Status))), ct);
                foreach (var (line, refund) in refunds.Where(r => r.Op.ChargeOid is not null))
                {
                    var oid = refund.ChargeOid!.Trim();
                    if (!refunded.TryGetValue(oid, out var charge))
                    {
                        errors.Add(new CsvRowError(line, "charge_oid", $"No charge '{oid}' in source {source} (import the charges first)."));
                    }
                    else if (charge.Status != ChargeStatus.Paid)
                    {
                        errors.Add(new CsvRowError(line, "charge_oid", $"Charge '{oid}' is {charge.Status.ToString().ToLowerInvariant()}; only paid charges can be refunded."));
                    }
                    else if (refund.Currency is { } currency && !string.Equals(currency.Trim(), charge.Currency, StringComparison.OrdinalIgnoreCase))
                    {
                        errors.Add(new CsvRowError(line, "currency", $"'{currency.Trim()}' differs from the charge's currency '{charge.Currency}'."));
                    }
                }

                break;
        }
    }

    private async Task ReportMissingAsync(
        IEnumerable<(long Line, string? Oid)> references, string field, string noun,
        Func<List<string>, IQueryable<string>> existing, CancellationToken ct)
    {
        var wanted = references.Where(r => !string.IsNullOrWhiteSpace(r.Oid)).Select(r => (r.Line, Oid: r.Oid!.Trim())).ToList();
        var found = await LookupAsync(wanted.Select(r => r.Oid), keys => existing(keys).Select(k => new KeyValuePair<string, bool>(k, true)), ct);
        foreach (var (line, oid) in wanted.Where(r => !found.ContainsKey(r.Oid)))
        {
            errors.Add(new CsvRowError(line, field, $"No {noun} '{oid}' in source {options.SourceId} (import the {noun}s first)."));
        }
    }

    /// <summary>What the store holds for the given oids of one chunk, looked up 500 at a time.</summary>
    private static async Task<Dictionary<string, T>> LookupAsync<T>(
        IEnumerable<string?> oids, Func<List<string>, IQueryable<KeyValuePair<string, T>>> query, CancellationToken ct)
    {
        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var keys in oids.OfType<string>().Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            foreach (var (oid, value) in await query([.. keys]).ToListAsync(ct))
            {
                found[oid] = value;
            }
        }

        return found;
    }

    private async Task CheckAttributesAsync(DashboardDbContext db, List<CsvRow> chunk, CancellationToken ct)
    {
        var rows = chunk.Select(r => (CsvAttributeRow)r.Row).ToList();
        var matches = await CsvCustomerMatch.FindAsync(db, options.SourceId, rows, ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.CustomerOid is null && row.Email is null)
            {
                errors.Add(new CsvRowError(row.Line, "customer_oid", "is required (or email)."));
            }
            else if (matches[i] is { Ambiguous: true })
            {
                errors.Add(new CsvRowError(row.Line, row.CustomerOid is null ? "email" : "customer_oid", "matches more than one customer in the source."));
            }
            else if (matches[i].Id is null)
            {
                errors.Add(new CsvRowError(row.Line, row.CustomerOid is null ? "email" : "customer_oid",
                    $"No customer '{row.CustomerOid ?? row.Email}' in source {options.SourceId}."));
            }

            foreach (var (key, value) in row.Values)
            {
                // A key without a field yet becomes a string field on import, which takes any value.
                if (fieldTypes.TryGetValue(key, out var type) && !AttributeValues.TryNormalize(type, value, out _))
                {
                    errors.Add(new CsvRowError(row.Line, key, $"'{value}' is not a {type.ToString().ToLowerInvariant()} (field '{key}')."));
                }
            }
        }
    }
}
