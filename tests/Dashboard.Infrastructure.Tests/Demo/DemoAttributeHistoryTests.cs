using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Tests.Demo;

/// <summary>The demo customers' attribute history: dated in the past, ending at the stored values, with some changes.</summary>
public sealed class DemoAttributeHistoryTests(DefaultDemoDataFixture fixture) : IClassFixture<DefaultDemoDataFixture>
{
    private DemoData Data => fixture.Data;

    [Fact]
    public void Every_value_has_a_history_that_ends_at_it_and_every_change_continues_the_one_before()
    {
        var histories = Data.AttributeChanges.GroupBy(c => (c.CustomerId, c.FieldId))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).ToList());

        Assert.Equal(Data.Attributes.Count, histories.Count);
        foreach (var value in Data.Attributes)
        {
            var history = histories[(value.CustomerId, value.FieldId)];
            Assert.Null(history[0].PreviousValue);
            Assert.Equal(value.Value, history[^1].NewValue);
            for (var i = 1; i < history.Count; i++)
            {
                Assert.Equal(history[i - 1].NewValue, history[i].PreviousValue);
                Assert.NotEqual(history[i].PreviousValue, history[i].NewValue);
            }
        }

        var created = Data.Customers.ToDictionary(c => c.Id, c => c.CreatedAt);
        Assert.All(Data.AttributeChanges, c =>
        {
            Assert.Equal(AttributeChangeOrigin.Demo, c.Origin);
            Assert.InRange(c.ChangedAt, created[c.CustomerId], Data.Generator.HistoryEnd);
        });
        Assert.Equal(Data.AttributeChanges.Count, Data.AttributeChanges.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void Some_accounts_changed_crm_owner_and_usage_counts_grew_after_signup()
    {
        var owner = Data.Catalog.AttributeFields.Single(f => f.Key == "crm_owner").Id;
        var handedOver = Data.AttributeChanges.Where(c => c.FieldId == owner && c.PreviousValue is not null).Select(c => c.CustomerId).Distinct().Count();
        var owned = Data.Attributes.Count(a => a.FieldId == owner);
        Assert.InRange(handedOver, owned / 5, owned / 2);

        var files = Data.Catalog.AttributeFields.Single(f => f.Key == "files_uploaded").Id;
        Assert.True(Data.AttributeChanges.Count(c => c.FieldId == files && c.PreviousValue is not null) > Data.Customers.Count / 2);
    }
}
