using Dashboard.Infrastructure.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Data.Configurations;

internal sealed class ExportConfiguration : IEntityTypeConfiguration<ExportRecord>
{
    public void Configure(EntityTypeBuilder<ExportRecord> builder)
    {
        builder.ToTable("exports");
        builder.Property(e => e.Name).HasMaxLength(200);
    }
}

internal sealed class ExportRunConfiguration : IEntityTypeConfiguration<ExportRunRecord>
{
    public void Configure(EntityTypeBuilder<ExportRunRecord> builder)
    {
        builder.ToTable("export_runs");
        builder.Property(r => r.OccurrenceKey).HasMaxLength(100);
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.FilePath).HasMaxLength(300);
        builder.HasIndex(r => new { r.ExportId, r.OccurrenceKey }).IsUnique();
        builder.HasOne<ExportRecord>().WithMany().HasForeignKey(r => r.ExportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExportDeliveryConfiguration : IEntityTypeConfiguration<ExportDeliveryRecord>
{
    public void Configure(EntityTypeBuilder<ExportDeliveryRecord> builder)
    {
        builder.ToTable("export_deliveries");
        builder.Property(d => d.Type).HasMaxLength(20);
        builder.Property(d => d.Status).HasMaxLength(20);
        builder.HasIndex(d => new { d.RunId, d.Position }).IsUnique();
        builder.HasOne<ExportRunRecord>().WithMany().HasForeignKey(d => d.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
