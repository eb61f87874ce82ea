using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Data.Configurations;

internal sealed class FxRateConfiguration : IEntityTypeConfiguration<FxRate>
{
    public void Configure(EntityTypeBuilder<FxRate> builder)
    {
        builder.ToTable("fx_rates");
        builder.HasKey(r => new { r.Currency, r.Date });
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> builder)
    {
        builder.ToTable("settings");
        builder.HasKey(s => s.Key);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.Property(k => k.Scope).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder) => builder.ToTable("segments");
}

internal sealed class CancellationReasonConfiguration : IEntityTypeConfiguration<CancellationReason>
{
    public void Configure(EntityTypeBuilder<CancellationReason> builder)
    {
        builder.ToTable("cancellation_reasons");

        // A reason is its text: the API answers a repeated text with the stored reason, and imports match by text.
        builder.HasIndex(r => r.Text).IsUnique();
    }
}

internal sealed class CancellationEventConfiguration : IEntityTypeConfiguration<CancellationEvent>
{
    public void Configure(EntityTypeBuilder<CancellationEvent> builder)
    {
        builder.ToTable("cancellation_events");
        builder.HasIndex(e => e.CustomerId);
        // Nulls are distinct in a unique index on both providers, so only the importer's keyed events are constrained.
        builder.HasIndex(e => new { e.FeedbackSourceId, e.SubscriptionExternalIds }).IsUnique();
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CancellationReason>().WithMany().HasForeignKey(e => e.ReasonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SyncCheckpointConfiguration : IEntityTypeConfiguration<SyncCheckpoint>
{
    public void Configure(EntityTypeBuilder<SyncCheckpoint> builder)
    {
        builder.ToTable("sync_checkpoints");
        builder.HasIndex(c => new { c.SourceId, c.Kind }).IsUnique();
        builder.HasOne<Source>().WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SyncErrorConfiguration : IEntityTypeConfiguration<SyncError>
{
    public void Configure(EntityTypeBuilder<SyncError> builder)
    {
        builder.ToTable("sync_errors");
        builder.HasIndex(e => e.SourceId);
        builder.HasOne<Source>().WithMany().HasForeignKey(e => e.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
