using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Infrastructure.Data.Configurations;

internal sealed class AttributeFieldConfiguration : IEntityTypeConfiguration<AttributeField>
{
    public void Configure(EntityTypeBuilder<AttributeField> builder)
    {
        builder.ToTable("attribute_fields");
        builder.HasIndex(f => f.Key).IsUnique();
        builder.Property(f => f.Type).HasConversion<string>();
    }
}

internal sealed class CustomerAttributeConfiguration : IEntityTypeConfiguration<CustomerAttribute>
{
    public void Configure(EntityTypeBuilder<CustomerAttribute> builder)
    {
        builder.ToTable("customer_attributes");
        builder.HasKey(a => new { a.CustomerId, a.FieldId });
        builder.HasIndex(a => a.FieldId);
        builder.HasOne<AttributeField>().WithMany().HasForeignKey(a => a.FieldId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomerAttributeChangeConfiguration : IEntityTypeConfiguration<CustomerAttributeChange>
{
    public void Configure(EntityTypeBuilder<CustomerAttributeChange> builder)
    {
        builder.ToTable("customer_attribute_changes");
        builder.Property(c => c.Origin).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(c => new { c.CustomerId, c.ChangedAt });
        builder.HasIndex(c => c.FieldId);

        // The history goes with its customer and with its field, as the values do.
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AttributeField>().WithMany().HasForeignKey(c => c.FieldId).OnDelete(DeleteBehavior.Cascade);
    }
}
