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
                await ReportMissingAsync(charges.Select(c => (c.Line, c.Op.SubscriptionOid)), "subscription_oid", "subscription",
                    keys => db.Subscriptions.Where(s => s.SourceId == source && keys.Contains(s.ExternalId)).Select(s => s.ExternalId), ct);
                break;
            case CsvImportKind.Refunds:
                await ReportMissingAsync(chunk.Select(r => (r.Line, ((RefundImport)r.Row).ChargeOid)), "charge_oid", "charge",
                    keys => db.Charges.Where(c => c.SourceId == source && keys.Contains(c.ExternalId)).Select(c => c.ExternalId), ct);
                break;
        }
    }

    private async Task ReportMissingAsync(
        IEnumerable<(long Line, string? Oid)> references, string field, string noun,
        Func<List<string>, IQueryable<string>> existing, CancellationToken ct)
    {
        var wanted = references.Where(r => !string.IsNullOrWhiteSpace(r.Oid)).Select(r => (r.Line, Oid: r.Oid!.Trim())).ToList();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keys in wanted.Select(r => r.Oid).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            found.UnionWith(await existing([.. keys]).ToListAsync(ct));
        }

        foreach (var (line, oid) in wanted.Where(r => !found.Contains(r.Oid)))
        {
            errors.Add(new CsvRowError(line, field, $"No {noun} '{oid}' in source {options.SourceId} (import the {noun}s first)."));
        }
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
