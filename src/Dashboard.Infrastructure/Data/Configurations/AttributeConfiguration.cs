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
