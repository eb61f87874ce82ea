using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure.Tests.Import;

/// <summary>A value added through a tracked customer's Attributes navigation (not the DbSet) keeps its history too.</summary>
public sealed class AttributeNavigationHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(Samples.Providers), MemberType = typeof(Samples))]
    public async Task A_value_added_through_the_customers_navigation_is_saved_with_its_history(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        long fieldId;
        await using (var db = database.CreateContext())
        {
            var source = new Source { Name = "Own", Provider = SourceProvider.Api };
            db.Sources.Add(source);
            var field = new AttributeField { Key = "crm_owner", Title = "CRM owner", Type = AttributeType.String };
            db.AttributeFields.Add(field);
            await db.SaveChangesAsync();
            db.Customers.Add(new Customer { SourceId = source.Id, ExternalId = "cus_1", CreatedAt = Now });
            await db.SaveChangesAsync();
            fieldId = field.Id;
        }

        await using (var db = database.CreateContext())
        {
            db.AttributeStamp = new AttributeChangeStamp(Now, AttributeChangeOrigin.Api);
            var customer = await db.Customers.Include(c => c.Attributes).SingleAsync();
            customer.Attributes.Add(new CustomerAttribute { CustomerId = customer.Id, FieldId = fieldId, Value = "Ann" });
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        Assert.Equal("Ann", await check.CustomerAttributes.Select(a => a.Value).SingleAsync());
        var change = await check.CustomerAttributeChanges.SingleAsync();
        Assert.Null(change.PreviousValue);
        Assert.Equal("Ann", change.NewValue);
        Assert.Equal(Now, change.ChangedAt);
    }
}
