using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Dashboard.Infrastructure.Data;

/// <summary>
/// Bulk-inserts rows of one entity type (the demo seeder's and the importer's large batches) with raw ADO.NET, into the table and columns the EF Core model maps it to
/// (read at runtime, so a renamed table or column is followed, and an unmapped property fails loudly). Values go through
/// the model's value converters (enums as text, instants as UTC ticks on SQLite...), exactly as EF Core would write them.
/// On PostgreSQL rows are streamed with binary COPY, on SQL Server with SqlBulkCopy; on SQLite with prepared,
/// parameterized multi-row INSERTs.
/// </summary>
internal sealed class TableWriter : IDisposable
{
    /// <summary>
    /// Parameters per INSERT statement. Small on purpose: Microsoft.Data.Sqlite binds every parameter by name, and
    /// SQLite finds a name by a linear scan, so binding costs grow with the square of the statement's parameters;
    /// measured on the demo data, about a hundred parameters per statement was as fast as anything larger or smaller.
    /// </summary>
    private const int MaxParameters = 100;

    private const int MaxRowsPerStatement = 64;

    private readonly Column[] columns;
    private readonly ISqlGenerationHelper sql;
    private readonly int rowsPerStatement;
    private readonly Dictionary<int, DbCommand> commands = [];
    private readonly System.Reflection.PropertyInfo? identityProperty;

    public TableWriter(DbContext context, Type clrType)
    {
        var entityType = context.Model.FindEntityType(clrType)
            ?? throw new InvalidOperationException($"The store's model does not map {clrType.Name}; its rows cannot be written.");
        var table = entityType.GetTableName()
            ?? throw new InvalidOperationException($"{clrType.Name} is not mapped to a table.");
        var schema = entityType.GetSchema();
        var storeObject = StoreObjectIdentifier.Table(table, schema);
        sql = context.GetService<ISqlGenerationHelper>();
        provider = MigrationSets.ProviderOf(context.Database.ProviderName);

        var list = new List<Column>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.GetComputedColumnSql(storeObject) is not null)
            {
                continue;
            }

            var columnName = property.GetColumnName(storeObject)
                ?? throw new InvalidOperationException($"{clrType.Name}.{property.Name} has no column in {table}.");
            if (property.PropertyInfo is null)
            {
                throw new InvalidOperationException(
                    $"{clrType.Name}.{property.Name} is a shadow property; only CLR properties can be bulk-written. Update TableWriter.");
            }

            var mapping = property.GetRelationalTypeMapping();
            list.Add(new Column(
                columnName,
                property.GetColumnType(storeObject),
                mapping,
                property.IsNullable,
                CompileGetter(clrType, property.PropertyInfo),
                mapping.Converter));
        }

        columns = [.. list];
        Table = table;
        QualifiedTable = sql.DelimitIdentifier(table, schema);
        var key = entityType.FindPrimaryKey();
        identityProperty = key is { Properties: [var only] } && only.ValueGenerated == ValueGenerated.OnAdd && only.ClrType == typeof(long)
            ? only.PropertyInfo
            : null;
        IdentityColumn = identityProperty is null ? null : key!.Properties[0].GetColumnName(storeObject);
        KeySequence = identityProperty is null || provider != DatabaseProvider.SqlServer ? null : SqlServerKeySequence(key!.Properties[0]);
        rowsPerStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, MaxParameters / columns.Length));
    }

    public string Table { get; }

    public string QualifiedTable { get; }

    /// <summary>The generated integer key column, whose sequence must follow explicitly inserted ids on PostgreSQL and SQL Server.</summary>
    public string? IdentityColumn { get; }

    /// <summary>On SQL Server, the delimited name of the sequence the key's default draws from (see SqlServerModel).</summary>
    public string? KeySequence { get; }

    private readonly DatabaseProvider provider;

    private bool IsPostgres => provider == DatabaseProvider.PostgreSql;

    private bool IsSqlServer => provider == DatabaseProvider.SqlServer;

    public async Task<long> WriteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        if (IsPostgres && connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, rows, cancellationToken);
            return rows.Count;
        }

        if (IsSqlServer && connection is SqlConnection sqlServer)
        {
            await BulkCopyAsync(sqlServer, (SqlTransaction)transaction, rows, cancellationToken);
            return rows.Count;
        }

        var done = 0;
        while (done < rows.Count)
        {
            // Full statements while rows last, then one statement for the remainder (both kept prepared).
            var take = Math.Min(rowsPerStatement, rows.Count - done);
            var command = GetCommand(connection, take);
            command.Transaction = transaction;
            var p = 0;
            for (var r = 0; r < take; r++)
            {
                var row = rows[done + r];
                foreach (var column in columns)
                {
                    command.Parameters[p++].Value = column.ProviderValue(row) ?? DBNull.Value;
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            done += take;
        }

        return rows.Count;
    }

    /// <summary>Moves the table's key sequence past the explicitly inserted ids, never back (PostgreSQL and SQL Server).</summary>
    public async Task ResetIdentityAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (IdentityColumn is null || !(IsPostgres || IsSqlServer))
        {
            return;
        }

        var column = sql.DelimitIdentifier(IdentityColumn);
        await using var command = connection.CreateCommand();
        if (IsSqlServer)
        {
            // ALTER SEQUENCE takes a constant, so the statement is built on the server; it never moves the sequence back.
            command.CommandText = SqlServerRestartSequenceSql(column);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        // Never moves the sequence back either: ids another writer has drawn but not committed yet stay theirs.
        var sequence = $"pg_get_serial_sequence('{QualifiedTable.Replace("'", "''", StringComparison.Ordinal)}', '{IdentityColumn.Replace("'", "''", StringComparison.Ordinal)}')";
        command.CommandText =
            $"SELECT setval({sequence}, GREATEST(COALESCE((SELECT MAX({column}) FROM {QualifiedTable}), 0) + 1, " +
            $"COALESCE(pg_sequence_last_value({sequence}::regclass) + 1, 1)), false)";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Sets the generated key of <paramref name="row"/> to a reserved id.</summary>
    public void SetId(object row, long id) =>
        (identityProperty ?? throw new InvalidOperationException($"{Table} has no generated integer key.")).SetValue(row, id);

    /// <summary>
    /// Reserves <paramref name="count"/> new ids for rows inserted with explicit keys inside <paramref name="transaction"/>.
    /// PostgreSQL draws them from the identity sequence and SQL Server a contiguous range from the key's sequence
    /// (sp_sequence_get_range), so concurrent writers never get the same id. SQLite allows one
    /// writer at a time and the importer's transactions take the write lock when they begin, so the ids after the largest
    /// ever handed out (sqlite_sequence remembers deleted rows' ids too) are free until the commit.
    /// </summary>
    public async Task<long[]> ReserveIdsAsync(DbConnection connection, DbTransaction transaction, int count, CancellationToken cancellationToken)
    {
        if (IdentityColumn is null)
        {
            throw new InvalidOperationException($"{Table} has no generated integer key to reserve ids from.");
        }

        var ids = new long[count];
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var column = sql.DelimitIdentifier(IdentityColumn);
        if (IsPostgres)
        {
            command.CommandText =
                $"SELECT nextval(pg_get_serial_sequence('{QualifiedTable.Replace("'", "''", StringComparison.Ordinal)}', '{IdentityColumn.Replace("'", "''", StringComparison.Ordinal)}')) " +
                $"FROM generate_series(1, {count.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
            {
                ids[i] = reader.GetInt64(0);
            }

            return ids;
        }

        if (IsSqlServer)
        {
            var first = await ReserveSqlServerRangeAsync(command, count, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                ids[i] = first + i;
            }

            return ids;
        }

        command.CommandText =
            $"SELECT MAX(COALESCE((SELECT MAX({column}) FROM {QualifiedTable}), 0), " +
            $"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{Table.Replace("'", "''", StringComparison.Ordinal)}'), 0))";
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            ids[i] = last + 1 + i;
        }

        return ids;
    }

    /// <summary>The largest id in the table (0 when empty), so new rows can follow existing ones.</summary>
    public async Task<long> MaxIdAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (IdentityColumn is null)
        {
            return 0;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT MAX({sql.DelimitIdentifier(IdentityColumn)}) FROM {QualifiedTable}";
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
    }

    private DbCommand GetCommand(DbConnection connection, int rowCount)
    {
        if (commands.TryGetValue(rowCount, out var cached) && cached.Connection == connection)
        {
            return cached;
        }

        var command = connection.CreateCommand();
        var text = new System.Text.StringBuilder();
        text.Append("INSERT INTO ").Append(QualifiedTable).Append(" (");
        for (var c = 0; c < columns.Length; c++)
        {
            text.Append(c == 0 ? string.Empty : ", ").Append(sql.DelimitIdentifier(columns[c].Name));
        }

        text.Append(") VALUES ");
        var p = 0;
        for (var r = 0; r < rowCount; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = "p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture);
                text.Append(c == 0 ? string.Empty : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                command.Parameters.Add(columns[c].Mapping.CreateParameter(command, sql.GenerateParameterName(name), null, columns[c].Nullable));
                p++;
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        command.Prepare();
        if (commands.Remove(rowCount, out var stale))
        {
            stale.Dispose();
        }

        commands[rowCount] = command;
        return command;
    }

    private async Task<long> ReserveSqlServerRangeAsync(DbCommand command, int count, CancellationToken cancellationToken)
    {
        command.CommandText = SqlServerReserveRangeSql;
        var name = command.CreateParameter();
        name.ParameterName = "@sequence";
        name.Value = KeySequence ?? throw new InvalidOperationException($"{Table}'s key has no sequence on SQL Server.");
        var size = command.CreateParameter();
        size.ParameterName = "@count";
        size.Value = (long)count;
        command.Parameters.Add(name);
        command.Parameters.Add(size);
        var first = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt64(first, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Hands out <c>@count</c> consecutive values of the sequence <c>@sequence</c> and returns the first.</summary>
    internal const string SqlServerReserveRangeSql = """
        DECLARE @first sql_variant;
        EXEC sys.sp_sequence_get_range @sequence_name = @sequence, @range_size = @count, @range_first_value = @first OUTPUT;
        SELECT CAST(@first AS bigint);
        """;

    internal string SqlServerRestartSequenceSql(string column) =>
        $"""
        DECLARE @next bigint = (SELECT MAX(v) FROM (VALUES
            ((SELECT MAX({column}) FROM {QualifiedTable})),
            ((SELECT CAST(current_value AS bigint) FROM sys.sequences WHERE object_id = OBJECT_ID(N'{KeySequence!.Replace("'", "''", StringComparison.Ordinal)}')))) AS x(v)) + 1;
        DECLARE @statement nvarchar(max) = N'ALTER SEQUENCE {KeySequence.Replace("'", "''", StringComparison.Ordinal)} RESTART WITH ' + CAST(COALESCE(@next, 1) AS nvarchar(20));
        EXEC sys.sp_executesql @statement;
        """;

    private string SqlServerKeySequence(IProperty key)
    {
        var name = key.FindAnnotation("SqlServer:SequenceName")?.Value as string
            ?? key.DeclaringType.ContainingEntityType.GetRootType().ShortName() + "Sequence";
        var schema = key.FindAnnotation("SqlServer:SequenceSchema")?.Value as string;
        return sql.DelimitIdentifier(name, schema);
    }

    /// <summary>
    /// Streams the rows with SqlBulkCopy inside the caller's transaction. Constraints are checked (foreign keys stay
    /// trusted) and nulls stay null; the explicitly set keys are kept, as the key columns draw from sequences, not IDENTITY.
    /// </summary>
    private async Task BulkCopyAsync(SqlConnection connection, SqlTransaction transaction, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        using var table = new System.Data.DataTable();
        foreach (var column in columns)
        {
            var type = Nullable.GetUnderlyingType(column.ProviderClrType) ?? column.ProviderClrType;
            table.Columns.Add(column.Name, type == typeof(DateOnly) ? typeof(DateTime) : type);
        }

        foreach (var row in rows)
        {
            var values = new object[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                values[c] = columns[c].ProviderValue(row) switch
                {
                    null => DBNull.Value,
                    DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                    var value => value,
                };
            }

            table.Rows.Add(values);
        }

        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.KeepNulls, transaction)
        {
            DestinationTableName = QualifiedTable,
            BatchSize = 0,
            BulkCopyTimeout = 0,
        };
        foreach (var column in columns)
        {
            bulk.ColumnMappings.Add(column.Name, column.Name);
        }

        await bulk.WriteToServerAsync(table, cancellationToken);
    }

    private async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {QualifiedTable} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.ProviderValue(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, column.StoreType, cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<System.Reflection.PropertyInfo, Func<object, object?>> Getters = new();

    /// <summary>Compiled once per property: compiling costs far more than a batch of rows takes to write.</summary>
    private static Func<object, object?> CompileGetter(Type clrType, System.Reflection.PropertyInfo property) =>
        Getters.GetOrAdd(property, p => Compile(clrType, p));

    private static Func<object, object?> Compile(Type clrType, System.Reflection.PropertyInfo property)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var body = Expression.Convert(Expression.Property(Expression.Convert(entity, clrType), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, entity).Compile();
    }

    private sealed record Column(
        string Name,
        string StoreType,
        RelationalTypeMapping Mapping,
        bool Nullable,
        Func<object, object?> Getter,
        Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)
    {
        public Type ProviderClrType => Converter?.ProviderClrType ?? Mapping.ClrType;

        public object? ProviderValue(object row)
        {
            var value = Getter(row);
            return value is null ? null : Converter is null ? value : Converter.ConvertToProvider(value);
        }
    }
}
