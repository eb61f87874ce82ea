namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>One row of an attribute file: the customer key and the non-empty attribute cells (key, value).</summary>
internal sealed record CsvAttributeRow(long Line, string? CustomerOid, string? Email, IReadOnlyList<(string Key, string Value)> Values)
{
    public static CsvAttributeRow Read(CsvRowReader row)
    {
        var values = new List<(string, string)>(row.AttributeColumns.Count);
        foreach (var (key, column) in row.AttributeColumns)
        {
            // An empty cell leaves the customer's value as it is: files often cover some attributes of some customers.
            if (row.Cell(column) is { } value)
            {
                values.Add((key, value));
            }
        }

        return new CsvAttributeRow(row.Line, row.Get("customer_oid"), row.Get("email"), values);
    }
}
