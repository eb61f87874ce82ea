using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Exports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Data;

/// <summary>The normalized store: every source's billing data, attributes, settings, API keys, users and the audit log.</summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<SubscriptionState> SubscriptionStates => Set<SubscriptionState>();
    public DbSet<SubscriptionAddOn> SubscriptionAddOns => Set<SubscriptionAddOn>();
    public DbSet<Charge> Charges => Set<Charge>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<AttributeField> AttributeFields => Set<AttributeField>();
    public DbSet<CustomerAttribute> CustomerAttributes => Set<CustomerAttribute>();
    public DbSet<CustomerAttributeChange> CustomerAttributeChanges => Set<CustomerAttributeChange>();
    public DbSet<FxRate> FxRates => Set<FxRate>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<CancellationReason> CancellationReasons => Set<CancellationReason>();
    public DbSet<CancellationEvent> CancellationEvents => Set<CancellationEvent>();
    public DbSet<CustomerNote> CustomerNotes => Set<CustomerNote>();
    public DbSet<SyncCheckpoint> SyncCheckpoints => Set<SyncCheckpoint>();
    public DbSet<SyncError> SyncErrors => Set<SyncError>();
    public DbSet<Annotation> Annotations => Set<Annotation>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ExportRecord> Exports => Set<ExportRecord>();
    public DbSet<ExportRunRecord> ExportRuns => Set<ExportRunRecord>();
    public DbSet<ExportDeliveryRecord> ExportDeliveries => Set<ExportDeliveryRecord>();

    /// <summary>
    /// When and by what this context's attribute writes happen. Every save that adds, changes or removes a
    /// <see cref="CustomerAttribute"/> writes a <see cref="CustomerAttributeChange"/> stamped with it
    /// (<see cref="AttributeHistory"/>), and refuses to save without it, so no path can change a value unrecorded.
    /// </summary>
    public AttributeChangeStamp? AttributeStamp { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AttributeHistory.RecordTracked(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AttributeHistory.RecordTracked(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>The provider this context runs on (each has its own migration set, see <see cref="MigrationSets"/>).</summary>
    public DatabaseProvider Provider => MigrationSets.ProviderOf(Database.ProviderName);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
        if (Provider == DatabaseProvider.SqlServer)
        {
            SqlServerModel.Apply(builder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        switch (Provider)
        {
            // SQLite has no instant type and cannot compare or sort DateTimeOffset text; store UTC ticks there instead.
            case DatabaseProvider.Sqlite:
                configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
                break;
            case DatabaseProvider.SqlServer:
                SqlServerModel.ApplyConventions(configurationBuilder);
                break;
        }
    }
}
