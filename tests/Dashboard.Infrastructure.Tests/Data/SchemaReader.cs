using System.Data.Common;
using System.Globalization;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Data;

/// <summary>
/// Describes a database's schema as sorted, provider-specific lines (tables, columns with store type, nullability,
/// identity and default, primary keys, indexes, foreign keys with delete rules) so two databases can be diffed.
/// EF Core's own bookkeeping tables (__EFMigrationsHistory, __EFMigrationsLock) are left out.
/// </summary>
internal static class SchemaReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(DashboardDbContext context)
    {
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            var lines = context.IsSqlite ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
            return lines.Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static bool IsBookkeeping(string table) => table.StartsWith("__EF", StringComparison.Ordinal);

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables.Where(t => !IsBookkeeping(t[0])))
        {
            var name = table[0];
            lines.Add($"table {name}");
            if (table[1].Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase))
            {
                lines.Add($"autoincrement {name}");
            }

            var columns = await QueryAsync(connection, $"PRAGMA table_info('{name}')");
            foreach (var column in columns)
            {
                var nullability = column[3] == "1" ? "not null" : "null";
                lines.Add($"column {name}.{column[1]} {column[2]} {nullability} default={column[4]}");
            }

            var keyColumns = columns.Where(c => c[5] != "0").OrderBy(c => int.Parse(c[5], CultureInfo.InvariantCulture)).Select(c => c[1]);
            lines.Add($"primary key {name} ({string.Join(", ", keyColumns)})");

            foreach (var index in await QueryAsync(connection, $"PRAGMA index_list('{name}')"))
            {
                if (index[3] == "pk")
                {
                    continue;
                }

                var indexColumns = (await QueryAsync(connection, $"PRAGMA index_info('{index[1]}')"))
                    .OrderBy(c => int.Parse(c[0], CultureInfo.InvariantCulture)).Select(c => c[2]);
                var kind = index[2] == "1" ? "unique" : "non-unique";
                lines.Add($"index {name}.{index[1]} ({string.Join(", ", indexColumns)}) {kind} partial={index[4]}");
            }

            var foreignKeys = await QueryAsync(connection, $"PRAGMA foreign_key_list('{name}')");
            foreach (var key in foreignKeys.GroupBy(k => k[0]))
            {
                var ordered = key.OrderBy(k => int.Parse(k[1], CultureInfo.InvariantCulture)).ToList();
                lines.Add($"foreign key {name} ({string.Join(", ", ordered.Select(k => k[3]))}) -> {ordered[0][2]} " +
                          $"({string.Join(", ", ordered.Select(k => k[4]))}) on delete {ordered[0][6]}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        const string tablesSql = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
            """;
        lines.AddRange((await QueryAsync(connection, tablesSql)).Where(t => !IsBookkeeping(t[0])).Select(t => $"table {t[0]}"));

        const string columnsSql = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text, a.attidentity::text,
                   coalesce(pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            """;
        foreach (var column in (await QueryAsync(connection, columnsSql)).Where(c => !IsBookkeeping(c[0])))
        {
            var nullability = column[3] == "true" ? "not null" : "null";
            lines.Add($"column {column[0]}.{column[1]} {column[2]} {nullability} identity={column[4]} default={column[5]}");
        }

        const string indexesSql = """
            SELECT t.relname, i.relname, ix.indisprimary::text, ix.indisunique::text,
                   (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
                    FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum),
                   coalesce(pg_get_expr(ix.indpred, ix.indrelid), '')
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public'
            """;
        foreach (var index in (await QueryAsync(connection, indexesSql)).Where(i => !IsBookkeeping(i[0])))
        {
            if (index[2] == "true")
            {
                lines.Add($"primary key {index[0]} ({index[4]})");
                continue;
            }

            var kind = index[3] == "true" ? "unique" : "non-unique";
            lines.Add($"index {index[0]}.{index[1]} ({index[4]}) {kind} filter={index[5]}");
        }

        const string foreignKeysSql = """
            SELECT t.relname, c.conname, r.relname, c.confdeltype::text,
                   (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
                    FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                   (SELECT string_agg(a.attname, ', ' ORDER BY k.ord)
                    FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_class r ON r.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND c.contype = 'f'
            """;
        foreach (var key in await QueryAsync(connection, foreignKeysSql))
        {
            lines.Add($"foreign key {key[0]}.{key[1]} ({key[4]}) -> {key[2]} ({key[5]}) on delete {DeleteRule(key[3])}");
        }

        return lines;
    }

    private static string DeleteRule(string code) => code switch
    {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => code,
    };

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }
}
