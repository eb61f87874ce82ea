using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Data;

/// <summary>
/// What the model needs on SQL Server only, so the store behaves there as on SQLite and PostgreSQL.
/// SQLite and PostgreSQL models are not touched by anything here.
/// </summary>
internal static class SqlServerModel
{
    /// <summary>
    /// Binary (ordinal, case- and accent-sensitive) comparison, as SQLite and PostgreSQL compare text. SQL Server's
    /// usual default collation ignores case, which would make "cus_A" and "cus_a" one external id in a unique index and
    /// match a cancellation reason or attribute key of another case.
    /// </summary>
    public const string TextCollation = "Latin1_General_100_BIN2";

    public static void ApplyConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<string>().UseCollation(TextCollation);

    public static void Apply(ModelBuilder builder)
    {
        BreakMultipleCascadePaths(builder);

        // Generated keys come from one sequence per table (default NEXT VALUE FOR), not IDENTITY: bulk writers reserve
        // a range of ids up front (sp_sequence_get_range) and insert them explicitly, as PostgreSQL does with nextval.
        SqlServerModelBuilderExtensions.UseKeySequences(builder);

        // SQL Server's decimal defaults to (18,2), which would round exchange rates; PostgreSQL keeps numeric.
        builder.Entity<FxRate>().Property(r => r.Rate).HasPrecision(38, 18);

        // Indexed text is nvarchar(450) by default (an index key holds at most 900 bytes on a clustered index); the
        // currency in fx_rates' primary key is an ISO code, so it stays well inside the clustered key limit.
        builder.Entity<FxRate>().Property(r => r.Currency).HasMaxLength(16);

        // Identity's composite keys of two or three nvarchar(450) columns would pass the 900-byte limit of a clustered
        // primary key; as Identity's own MaxLengthForKeys does, its key and foreign-key text gets 128 characters
        // (user and role ids are GUID strings, login providers and token names short names).
        foreach (var entityType in builder.Model.GetEntityTypes().Where(e => e.GetTableName()?.StartsWith("AspNet", StringComparison.Ordinal) == true))
        {
            foreach (var property in entityType.GetProperties().Where(p => p.ClrType == typeof(string) && (p.IsKey() || p.IsForeignKey())))
            {
                property.SetMaxLength(IdentityKeyLength);
            }
        }
    }

    public const int IdentityKeyLength = 128;

    /// <summary>
    /// SQL Server refuses a table reachable from another by two cascading paths. Deleting a source still removes
    /// everything: its customers cascade to their subscriptions, charges and refunds, which are the source's own, so
    /// the direct source keys can stay NO ACTION. A charge's subscription link is cleared before its subscription goes
    /// by <see cref="SqlServerSubscriptionDeletes"/>, as SET NULL does on SQLite and PostgreSQL.
    /// </summary>
    private static void BreakMultipleCascadePaths(ModelBuilder builder)
    {
        builder.Entity<Subscription>().HasOne<Source>().WithMany().HasForeignKey(s => s.SourceId).OnDelete(DeleteBehavior.NoAction);
        builder.Entity<Charge>().HasOne<Source>().WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.NoAction);
        builder.Entity<Refund>().HasOne<Source>().WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.NoAction);
        builder.Entity<Charge>().HasOne<Subscription>().WithMany().HasForeignKey(c => c.SubscriptionId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}
