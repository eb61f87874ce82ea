using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>
/// What a Stripe payment (payment intent or charge id) paid for, learnt from a subscription invoice's payments.
/// Since API 2025-03-31 a charge no longer names its invoice, so this is how a charge finds its subscription and kind.
/// </summary>
public sealed class StripePaymentLink
{
    public long Id { get; set; }
    public long SourceId { get; set; }
    public required string PaymentId { get; set; }
    public required string SubscriptionExternalId { get; set; }
    public bool Metered { get; set; }
}

internal sealed class StripePaymentLinkConfiguration : IEntityTypeConfiguration<StripePaymentLink>
{
    public void Configure(EntityTypeBuilder<StripePaymentLink> builder)
    {
        builder.ToTable("stripe_payment_links");
        builder.HasIndex(l => new { l.SourceId, l.PaymentId }).IsUnique();
        builder.HasOne<Source>().WithMany().HasForeignKey(l => l.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
