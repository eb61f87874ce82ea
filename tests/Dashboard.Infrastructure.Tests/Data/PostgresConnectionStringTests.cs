using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Infrastructure.Tests.Data;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        var defaulted = new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults("Host=db.internal;Username=app;Password=secret;Database=metrics"));
        Assert.Equal(PostgresConnectionString.DefaultMaxAutoPrepare, defaulted.MaxAutoPrepare);
        Assert.Equal(PostgresConnectionString.DefaultAutoPrepareMinUsages, defaulted.AutoPrepareMinUsages);
        Assert.Equal(("db.internal", "app", "secret", "metrics"), (defaulted.Host, defaulted.Username, defaulted.Password, defaulted.Database));

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults("Host=pooler;Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.Equal(16, new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults("Host=pooler;MaxAutoPrepare=16")).MaxAutoPrepare);
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults("Host=db;Auto Prepare Min Usages=7")).AutoPrepareMinUsages);
    }

    [Fact]
    public void A_malformed_connection_string_is_named_in_the_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresConnectionString.WithDefaults("Host=db;Port=not-a-number"));
        Assert.Contains("ConnectionStrings:Dashboard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_context_prepares_a_query_it_runs_repeatedly_on_the_server()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var context = database.CreateContext();
        await context.Database.OpenConnectionAsync();
        for (var i = 0; i < PostgresConnectionString.DefaultAutoPrepareMinUsages; i++)
        {
            _ = await context.Customers.AsNoTracking().Where(c => c.Id == i).ToListAsync();
        }

        var prepared = await context.Database
            .SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements")
            .ToListAsync();
        Assert.Contains(prepared, statement => statement.Contains("FROM customers", StringComparison.OrdinalIgnoreCase));
    }
}
