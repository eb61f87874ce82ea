using System.Data.Common;
using Npgsql;

namespace Dashboard.Infrastructure.Data;

/// <summary>The store's defaults for a PostgreSQL connection string; whatever the string sets itself wins.</summary>
public static class PostgresConnectionString
{
    /// <summary>
    /// Statements the app runs again and again (the importer's reads and writes, the API's read-backs) are prepared
    /// on the server after their second use, which saves PostgreSQL parsing and planning each one: about 25-50 % more
    /// REST writes per second on a two-core box (docs/performance.md). Npgsql's own threshold of five uses was too
    /// high there: the importer's many statement shapes pushed candidates out before they got that far. A connection
    /// string that sets <c>Max Auto Prepare</c> (for example 0, behind a pooler that cannot keep prepared statements)
    /// or <c>Auto Prepare Min Usages</c> keeps its value.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 256;

    public const int DefaultAutoPrepareMinUsages = 2;

    public static string WithDefaults(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"ConnectionStrings:Dashboard is not a valid PostgreSQL connection string: {exception.Message}", exception);
        }

        // Npgsql's builder reports every keyword it knows as present, so look at what the string itself names.
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!named.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!named.Contains("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = DefaultAutoPrepareMinUsages;
        }

        return builder.ConnectionString;
    }
}
