using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Data.Configurations;

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> builder)
    {
        builder.ToTable("charges");
        builder.HasIndex(c => new { c.SourceId, c.ExternalId }).IsUnique();
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => c.CreatedAt);
        builder.Property(c => c.Status).HasConversion<string>();
        builder.Property(c => c.Kind).HasConversion<string>();
        builder.HasOne<Source>().WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(c => c.SubscriptionId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("refunds");
        builder.HasIndex(r => new { r.SourceId, r.ExternalId }).IsUnique();
        builder.HasIndex(r => r.ChargeId);
        builder.Property(r => r.Kind).HasConversion<string>().HasDefaultValue(RefundKind.Refund);
        builder.HasOne<Source>().WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Charge>().WithMany().HasForeignKey(r => r.ChargeId).OnDelete(DeleteBehavior.Cascade);
    }
}
