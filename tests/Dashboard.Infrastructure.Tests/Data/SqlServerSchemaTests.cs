using System.Text.RegularExpressions;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Infrastructure.Tests.Data;

/// <summary>
/// The SQL Server migration set, checked without a server: the script it generates creates every table, index and key
/// sequence of the model with SQL Server's own syntax, text compares like on the other providers, and every indexed
/// text column has a length an index key can hold.
/// </summary>
public sealed partial class SqlServerSchemaTests
{
    [Fact]
    public void The_generated_script_creates_every_table_index_and_key_sequence_of_the_model()
    {
        using var db = DesignContexts.Create(DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript();
        var model = db.Model.GetRelationalModel();

        foreach (var table in model.Tables)
        {
            Assert.Contains($"CREATE TABLE [{table.Name}] (", script, StringComparison.Ordinal);
            Assert.Contains($"CONSTRAINT [{table.PrimaryKey!.Name}] PRIMARY KEY ", script, StringComparison.Ordinal);
            foreach (var index in table.Indexes)
            {
                var columns = string.Join(", ", index.Columns.Select(c => $"[{c.Name}]"));
                Assert.Contains($"CREATE {(index.IsUnique ? "UNIQUE " : "")}INDEX [{index.Name}] ON [{table.Name}] ({columns})", script, StringComparison.Ordinal);
            }

            foreach (var key in table.ForeignKeyConstraints)
            {
                Assert.Contains($"CONSTRAINT [{key.Name}] FOREIGN KEY", script, StringComparison.Ordinal);
            }
        }

        Assert.True(model.Tables.Count() >= 25, $"Suspiciously few tables: {model.Tables.Count()}.");
        var sequences = db.Model.GetSequences().ToList();
        Assert.Contains(sequences, s => s.Name == "CustomerSequence");
        foreach (var sequence in sequences)
        {
            Assert.Contains($"CREATE SEQUENCE [{sequence.Name}]", script, StringComparison.Ordinal);
        }

        Assert.Contains("DEFAULT (NEXT VALUE FOR [CustomerSequence])", script, StringComparison.Ordinal);
        Assert.DoesNotContain("IDENTITY", script, StringComparison.Ordinal);
        Assert.Contains($"[ExternalId] nvarchar(450) COLLATE {SqlServerModel.TextCollation} NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[CreatedAt] datetimeoffset NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[Rate] decimal(38,18) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains($"VALUES (N'{LegacyMigrationHistory.BaselineId(db)}', N'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_script_has_a_sound_shape()
    {
        using var db = DesignContexts.Create(DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript();
        var batches = BatchSeparator().Split(script).Where(b => b.Trim().Length > 0).ToList();

        Assert.True(batches.Count >= 2, $"Expected the history table's batch and the migration's, got {batches.Count}.");
        var statements = Regex.Matches(script, @";\r?\n").Count;
        Assert.True(statements > 60, $"Suspiciously few statements: {statements}.");
        foreach (var batch in batches)
        {
            var code = StringLiteral().Replace(batch, "''");
            Assert.True(code.Count(c => c == '\'') % 2 == 0, $"Unbalanced quotes in:\n{batch}");
            Assert.True(code.Count(c => c == '(') == code.Count(c => c == ')'), $"Unbalanced parentheses in:\n{batch}");
            Assert.True(code.Count(c => c == '[') == code.Count(c => c == ']'), $"Unbalanced brackets in:\n{batch}");
            Assert.DoesNotContain("\"", code, StringComparison.Ordinal);
            Assert.EndsWith(";", batch.TrimEnd(), StringComparison.Ordinal);
        }

        Assert.StartsWith("IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL", script.TrimStart('\uFEFF', ' ', '\r', '\n'), StringComparison.Ordinal);
        Assert.Contains("BEGIN TRANSACTION;", script, StringComparison.Ordinal);
        Assert.Contains("COMMIT;", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexed_text_has_a_bounded_length_that_fits_an_index_key()
    {
        using var db = DesignContexts.Create(DatabaseProvider.SqlServer);
        foreach (var table in db.Model.GetRelationalModel().Tables)
        {
            var keys = table.Indexes.Select(i => (i.Name, i.Columns, Clustered: false))
                .Concat(table.UniqueConstraints.Select(u => (u.Name, u.Columns, Clustered: u.GetIsPrimaryKey())));
            foreach (var (name, columns, clustered) in keys)
            {
                Assert.All(columns, c => Assert.DoesNotContain("(max)", c.StoreType, StringComparison.Ordinal));
                var bytes = columns.Sum(c => KeyBytes(c.StoreType));

                // SQL Server's limits: 900 bytes for a clustered key (the primary key), 1,700 for a nonclustered one.
                var limit = clustered ? 900 : 1700;
                Assert.True(bytes <= limit, $"{table.Name}.{name} ({string.Join(", ", columns.Select(c => c.StoreType))}) needs {bytes} bytes, over {limit}.");
            }
        }
    }

    [Fact]
    public void Text_compares_by_code_point_on_SQL_Server_as_on_SQLite_and_PostgreSQL()
    {
        using var db = DesignContexts.Create(DatabaseProvider.SqlServer);
        var textColumns = db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.SelectMany(t => t.Columns)
            .Where(c => c.PropertyMappings.First().Property.ClrType == typeof(string)).ToList();

        Assert.NotEmpty(textColumns);
        Assert.All(textColumns, c => Assert.Equal(SqlServerModel.TextCollation, c.Collation));
        using var postgres = DesignContexts.Create(DatabaseProvider.PostgreSql);
        Assert.All(postgres.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.SelectMany(t => t.Columns), c => Assert.Null(c.Collation));
    }

    [Fact]
    public void No_table_is_reachable_by_two_cascading_paths()
    {
        // SQL Server refuses a foreign key that would give a table a second cascading (CASCADE or SET NULL) path from
        // another table, or a cycle; SQLite and PostgreSQL accept both, so only this check catches it before a server does.
        using var db = DesignContexts.Create(DatabaseProvider.SqlServer);
        var cascading = db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables
            .SelectMany(t => t.ForeignKeyConstraints)
            .Where(k => k.OnDeleteAction is ReferentialAction.Cascade or ReferentialAction.SetNull)
            .Select(k => (From: k.PrincipalTable.Name, To: k.Table.Name, k.Name))
            .ToList();

        foreach (var root in cascading.Select(k => k.From).Distinct())
        {
            var paths = new Dictionary<string, int>(StringComparer.Ordinal);
            var pending = new Stack<(string Table, int Depth)>([(root, 0)]);
            while (pending.TryPop(out var current))
            {
                Assert.True(current.Depth < 20, $"A cascading cycle runs through {root}.");
                foreach (var key in cascading.Where(k => k.From == current.Table))
                {
                    paths[key.To] = paths.GetValueOrDefault(key.To) + 1;
                    pending.Push((key.To, current.Depth + 1));
                }
            }

            var twice = paths.Where(p => p.Value > 1).Select(p => p.Key).ToList();
            Assert.True(twice.Count == 0, $"From {root}, {string.Join(", ", twice)} can be reached by more than one cascading path.");
        }

        Assert.Contains(cascading, k => k.From == "customers" && k.To == "charges");
        using var sqlite = DesignContexts.Create(DatabaseProvider.Sqlite);
        var sqliteCharges = sqlite.GetService<IDesignTimeModel>().Model.GetRelationalModel().FindTable("charges", null)!;
        Assert.Contains(sqliteCharges.ForeignKeyConstraints, k => k.PrincipalTable.Name == "subscriptions" && k.OnDeleteAction == ReferentialAction.SetNull);
    }

    private static int KeyBytes(string storeType)
    {
        var match = Regex.Match(storeType, @"^(n?varchar)\((\d+)\)$");
        if (match.Success)
        {
            var length = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            return match.Groups[1].Value == "nvarchar" ? 2 * length : length;
        }

        return storeType switch
        {
            "bigint" => 8,
            "int" => 4,
            "bit" => 1,
            "date" => 3,
            "datetimeoffset" => 10,
            _ => throw new InvalidOperationException($"Add the key size of {storeType}."),
        };
    }

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline)]
    private static partial Regex BatchSeparator();

    [GeneratedRegex(@"N?'(?:[^']|'')*'")]
    private static partial Regex StringLiteral();
}
