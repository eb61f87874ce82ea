using Dashboard.Infrastructure.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Infrastructure.Data;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store on the configured provider: a context factory for Blazor components and background work
    /// (a context per operation), and a scoped context for request handlers and Identity.
    /// </summary>
    public static IServiceCollection AddDashboardStore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = ReadOptions(configuration, contentRoot);
        services.AddSingleton(options);
        services.AddPooledDbContextFactory<DashboardDbContext>(builder => Configure(builder, options));
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    public static DatabaseOptions ReadOptions(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerText}' is not known; use Sqlite (the default), PostgreSql or SqlServer.");
        }

        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException($"Database:Provider is {provider} but ConnectionStrings:Dashboard is empty.");
            }

            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(contentRoot, DatabaseOptions.DefaultSqliteFile),
            }.ToString();
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = AnchorSqliteFile(connectionString, contentRoot);
        }

        return new DatabaseOptions(provider, connectionString);
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(PostgresConnectionString.WithDefaults(options.ConnectionString));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(options.ConnectionString).AddInterceptors(SqlServerSubscriptionDeletes.Instance);
                break;
            default:
                builder.UseSqlite(options.ConnectionString).AddInterceptors(SqliteWalInterceptor.Instance);
                break;
        }

        // Every provider has its own generated migration set; EF sees only the active provider's.
        builder.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, ProviderMigrationsAssembly>();
    }

    /// <summary>
    /// Resolves a relative SQLite file against the content root and, on first run, creates its folder (0700) and the
    /// empty database file (0600): SQLite gives its -wal and -shm files the database file's permissions.
    /// </summary>
    private static string AnchorSqliteFile(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
        if (builder.Mode is not SqliteOpenMode.ReadOnly and not SqliteOpenMode.ReadWrite)
        {
            CreatePrivateStore(builder.DataSource);
        }

        return builder.ToString();
    }

    private static void CreatePrivateStore(string file)
    {
        if (File.Exists(file))
        {
            return;
        }

        PrivateFiles.CreateFile(file);

        // EF asks whether the database exists over a read-only connection, where a zero-byte file cannot be switched to
        // WAL (SqliteWalInterceptor); so the new file gets its header, in WAL mode as every connection sets it, now.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        command.ExecuteScalar();
    }
}
