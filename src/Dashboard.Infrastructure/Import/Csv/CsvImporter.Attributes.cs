using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Import.Csv;

public sealed partial class CsvImporter
{
    private async Task<(long Created, long Updated, long Unchanged)> ImportAttributesAsync(
        BillingImporter.ImportSession session, string path, CsvImportOptions options, long total, long started,
        IProgress<CsvImportProgress>? progress, CsvErrorSink errors, CancellationToken ct)
    {
        long updated = 0, unchanged = 0, rows = 0;
        await using var stream = OpenRead(path);
        using var reader = CsvRowReader.Open(stream, options.Kind, options.Mapping);

        // Columns without a field yet become string fields, like Baremetrics' CSV augmentation (inside the file's
        // transaction, so a rolled-back file leaves no field behind); the validation pass already checked values
        // against the fields that exist.
        for (var i = 0; i < reader.AttributeColumns.Count; i++)
        {
            var (key, column) = reader.AttributeColumns[i];
            await session.EnsureStringFieldAsync(reader.Headers[column], key, ct);
        }

        foreach (var chunk in ReadChunks(reader, options, errors, null))
        {
            var assignments = new List<AttributeAssignment>();
            var lines = new List<long>();
            foreach (var row in chunk.Select(r => (CsvAttributeRow)r.Row))
            {
                foreach (var (key, value) in row.Values)
                {
                    assignments.Add(new AttributeAssignment
                    {
                        CustomerOid = row.CustomerOid,
                        CustomerEmail = row.Email,
                        SourceId = options.SourceId,
                        Key = key,
                        Value = value,
                    });
                    lines.Add(row.Line);
                }
            }

            var results = await session.SetAttributesAsync(assignments, ct);
            foreach (var result in results)
            {
                switch (result.Outcome)
                {
                    case AttributeAssignmentOutcome.Applied:
                        updated++;
                        break;
                    case AttributeAssignmentOutcome.Unchanged:
                        unchanged++;
                        break;
                    default:
                        // Deleted or changed by another writer since the validation pass.
                        errors.Add(new CsvRowError(lines[result.Index], "customer_oid", $"No single customer matched ({result.Outcome}); the row was skipped."));
                        break;
                }
            }

            rows += chunk.Count;
            progress?.Report(new CsvImportProgress(CsvImportPhase.Importing, rows, total, Rate(rows, started), reader.BytesRead, stream.Length));
        }

        return (0, updated, unchanged);
    }
}
