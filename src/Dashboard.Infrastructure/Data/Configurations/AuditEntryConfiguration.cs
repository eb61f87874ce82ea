using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.ActionLength);
        builder.Property(e => e.Actor).HasMaxLength(AuditEntry.ActorLength);
        builder.Property(e => e.ActorId).HasMaxLength(AuditEntry.ActorLength);
        builder.Property(e => e.Target).HasMaxLength(AuditEntry.TargetLength);
        builder.Property(e => e.RemoteIp).HasMaxLength(AuditEntry.RemoteIpLength);

        // The log is read newest first, whole or for one action.
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.Action, e.OccurredAt });
    }
}
