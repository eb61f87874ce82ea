namespace Dashboard.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

/// <summary>Which database the store lives in (<c>Database:Provider</c>, <c>ConnectionStrings:Dashboard</c>).</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "Dashboard";

    /// <summary>Where the embedded SQLite file goes when no connection string is given.</summary>
    public const string DefaultSqliteFile = "data/dashboard.db";
}
