using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Data.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions");
        builder.HasIndex(s => new { s.SourceId, s.ExternalId }).IsUnique();
        builder.HasIndex(s => s.CustomerId);
        builder.HasOne<Source>().WithMany().HasForeignKey(s => s.SourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.States).WithOne().HasForeignKey(s => s.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriptionStateConfiguration : IEntityTypeConfiguration<SubscriptionState>
{
    public void Configure(EntityTypeBuilder<SubscriptionState> builder)
    {
        builder.ToTable("subscription_states");
        // One state per instant: a retried or concurrent identical change cannot add a second one.
        builder.HasIndex(s => new { s.SubscriptionId, s.EffectiveFrom }).IsUnique();
        builder.Property(s => s.Status).HasConversion<string>();
        builder.HasOne<Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.AddOns).WithOne().HasForeignKey(a => a.SubscriptionStateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriptionAddOnConfiguration : IEntityTypeConfiguration<SubscriptionAddOn>
{
    public void Configure(EntityTypeBuilder<SubscriptionAddOn> builder)
    {
        builder.ToTable("subscription_addons");
        builder.HasIndex(a => a.SubscriptionStateId);
    }
}
