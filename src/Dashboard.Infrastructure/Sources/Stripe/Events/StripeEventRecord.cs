using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>
/// A Stripe event the source has seen, from a webhook or the events list, kept so that each event id is applied once:
/// a webhook is recorded as <see cref="StripeEventStatus.Pending"/> when it arrives, and its background job (or the
/// events sync, whichever comes first) moves it on.
/// </summary>
public sealed class StripeEventRecord
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string EventId { get; set; }
    public required string Type { get; set; }
    public string? ObjectId { get; set; }

    /// <summary>When Stripe created the event: the version of its object it speaks of.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>"webhook" or "events".</summary>
    public required string Via { get; set; }

    public StripeEventStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}

public enum StripeEventStatus
{
    /// <summary>Received, not processed yet.</summary>
    Pending = 0,

    /// <summary>Processed: its object was read again and applied.</summary>
    Applied = 1,

    /// <summary>Not applied: the store already holds a newer version of its object (a late or out-of-order event).</summary>
    Superseded = 2,

    /// <summary>Its last attempt failed (<see cref="StripeEventRecord.LastError"/>); a webhook's job retries it.</summary>
    Failed = 3,
}

/// <summary>
/// The version of one Stripe object the store holds: the creation time of the newest event applied for it. An event
/// older than this is not applied again.
/// </summary>
public sealed class StripeObjectVersion
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string ObjectId { get; set; }
    public DateTimeOffset EventCreatedAt { get; set; }
    public required string EventId { get; set; }
}

internal sealed class StripeEventRecordConfiguration : IEntityTypeConfiguration<StripeEventRecord>
{
    public void Configure(EntityTypeBuilder<StripeEventRecord> builder)
    {
        builder.ToTable("stripe_events");
        builder.HasIndex(e => new { e.SourceId, e.EventId }).IsUnique();
        builder.HasIndex(e => new { e.SourceId, e.Via, e.Status });
        builder.Property(e => e.EventId).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(255);
        builder.Property(e => e.ObjectId).HasMaxLength(255);
        builder.Property(e => e.Via).HasMaxLength(16);
        builder.Property(e => e.LastError).HasMaxLength(2000);
        builder.HasOne<Source>().WithMany().HasForeignKey(e => e.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StripeObjectVersionConfiguration : IEntityTypeConfiguration<StripeObjectVersion>
{
    public void Configure(EntityTypeBuilder<StripeObjectVersion> builder)
    {
        builder.ToTable("stripe_object_versions");
        builder.HasIndex(v => new { v.SourceId, v.ObjectId }).IsUnique();
        builder.Property(v => v.ObjectId).HasMaxLength(255);
        builder.Property(v => v.EventId).HasMaxLength(255);
        builder.HasOne<Source>().WithMany().HasForeignKey(v => v.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
