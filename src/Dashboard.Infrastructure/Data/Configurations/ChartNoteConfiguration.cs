using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Data.Configurations;

internal sealed class AnnotationConfiguration : IEntityTypeConfiguration<Annotation>
{
    public void Configure(EntityTypeBuilder<Annotation> builder)
    {
        builder.ToTable("annotations");
        builder.Property(a => a.Metric).HasMaxLength(100);
        builder.Property(a => a.Text).HasMaxLength(2000);
        builder.Property(a => a.UserId).HasMaxLength(200);
        builder.HasIndex(a => a.Date);
    }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> builder)
    {
        builder.ToTable("goals");
        builder.Property(g => g.Name).HasMaxLength(200);
        builder.Property(g => g.Metric).HasMaxLength(100);
    }
}
