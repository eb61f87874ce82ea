using System.Data.Common;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Tests.Import;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Data;

/// <summary>
/// SQL Server's charge-to-subscription key cannot SET NULL in the database, so the store clears the links itself before
/// deleting a subscription. Checked on SQLite, where the statement order can be observed (the database would clear
/// the link too, so the test looks at the statements, then at the row).
/// </summary>
public sealed class SqlServerSubscriptionDeletesTests
{
    [Fact]
    public async Task Charges_lose_their_link_before_their_subscription_is_deleted()
    {
        await using var fixture = await ImportFixture.CreateAsync(DatabaseProvider.Sqlite);
        await fixture.Importer.ImportAsync(fixture.Batch(Plan(), Customer(), Subscription(), Charge()));
        var commands = new CommandLog();
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        StoreServiceCollectionExtensions.Configure(builder, fixture.Database.Options);
        builder.AddInterceptors(SqlServerSubscriptionDeletes.Instance, commands);

        await using (var db = new DashboardDbContext(builder.Options))
        {
            db.Remove(await db.Subscriptions.SingleAsync());
            await db.SaveChangesAsync();
        }

        var clear = commands.Texts.FindIndex(t => t.StartsWith("UPDATE charges SET \"SubscriptionId\" = NULL", StringComparison.Ordinal));
        var delete = commands.Texts.FindIndex(t => t.Contains("DELETE FROM \"subscriptions\"", StringComparison.Ordinal));
        Assert.True(clear >= 0 && delete > clear, string.Join("\n", commands.Texts));
        Assert.Null(await fixture.ReadAsync(db => db.Charges.Select(c => c.SubscriptionId).SingleAsync()));
        Assert.Equal(1, await fixture.CountAsync<Charge>());
    }

    private sealed class CommandLog : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText.Trim());
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText.Trim());
            return ValueTask.FromResult(result);
        }
    }
}
