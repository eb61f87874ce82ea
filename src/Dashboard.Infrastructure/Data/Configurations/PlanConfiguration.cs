using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Data.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasIndex(p => new { p.SourceId, p.ExternalId }).IsUnique();
        builder.Property(p => p.Interval).HasConversion<string>();
        builder.Property(p => p.TrialDurationUnit).HasConversion<string>();
        builder.HasOne<Source>().WithMany().HasForeignKey(p => p.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
