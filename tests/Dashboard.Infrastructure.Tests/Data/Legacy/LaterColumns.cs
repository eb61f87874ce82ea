using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Data.Legacy;

/// <summary>
/// Columns that generated migrations added after the hand-written ones, on tables today's importer reads and writes:
/// a database built by the old migrations needs them before today's importer can write into it.
/// </summary>
internal static class LaterColumns
{
    private static (string Table, string Column, string Type)[] Of(DbContext context)
    {
        var sqlite = context.Database.IsSqlite();
        return
        [
            ("customers", "DeletedAt", sqlite ? "INTEGER" : "timestamp with time zone"),
            ("subscriptions", "DeletedAt", sqlite ? "INTEGER" : "timestamp with time zone"),
            ("refunds", "Kind", "TEXT NOT NULL DEFAULT 'Refund'"),
            ("subscription_states", "AmountMinor", sqlite ? "INTEGER" : "bigint"),
            ("subscription_states", "Currency", "TEXT"),
        ];
    }

    public static async Task AddAsync(DbContext context)
    {
        foreach (var (table, column, type) in Of(context))
        {
            var add = "ALTER TABLE " + table + " ADD COLUMN \"" + column + "\" " + type;
            await context.Database.ExecuteSqlRawAsync(add);
        }
    }

    public static async Task DropAsync(DbContext context)
    {
        foreach (var (table, column, _) in Of(context))
        {
            var drop = "ALTER TABLE " + table + " DROP COLUMN \"" + column + "\"";
            await context.Database.ExecuteSqlRawAsync(drop);
        }
    }
}
