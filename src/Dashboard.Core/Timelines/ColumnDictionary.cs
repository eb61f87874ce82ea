using System.Globalization;

namespace Dashboard.Core.Timelines;

/// <summary>
/// The value tables of every encoded customer column: country, currency, source id, then one per custom attribute
/// field (by <see cref="FieldInfo.Ordinal"/>). Shared by a build and every snapshot its updates derive.
/// </summary>
internal sealed class ColumnDictionary
{
    public const int Country = 0;
    public const int Currency = 1;
    public const int Source = 2;
    public const int FirstAttribute = 3;

    private readonly object grow = new();
    private volatile ValueTable[] tables = [new(), new(), new()];

    public static int AttributeColumn(int fieldOrdinal) => FirstAttribute + fieldOrdinal;

    /// <summary>The table of a column; attribute fields added later get theirs on first use.</summary>
    public ValueTable Table(int column)
    {
        var tables = this.tables;
        if (column < tables.Length)
        {
            return tables[column];
        }

        lock (grow)
        {
            tables = this.tables;
            if (column >= tables.Length)
            {
                var grown = new ValueTable[column + 1];
                Array.Copy(tables, grown, tables.Length);
                for (var i = tables.Length; i < grown.Length; i++)
                {
                    grown[i] = new ValueTable();
                }

                this.tables = tables = grown;
            }

            return tables[column];
        }
    }

    public static string SourceText(long sourceId) => sourceId.ToString(CultureInfo.InvariantCulture);
}
