using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Services.Customers;

namespace Dashboard.Web.Tests.Features.Customers;

/// <summary>Attribute changes in <see cref="CustomerTimelineModel"/>: worded by the field's title, on their reporting day, in order.</summary>
public sealed class CustomerTimelineModelTests
{
    private static readonly DateTimeOffset Signup = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Attribute_changes_are_worded_by_field_title_and_sorted_with_the_other_entries_on_their_reporting_day()
    {
        AttributeChangeRecord[] changes =
        [
            new(Signup, "UTM source", AttributeType.String, null, "google", AttributeChangeOrigin.Stripe),
            new(Signup.AddMinutes(5), "CRM owner", AttributeType.String, null, "Ann", AttributeChangeOrigin.Api),
            new(new DateTimeOffset(2026, 6, 10, 3, 0, 0, TimeSpan.Zero), "CRM owner", AttributeType.String, "Ann", "Bob", AttributeChangeOrigin.CsvImport),
            new(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), "Plan interest", AttributeType.String, "enterprise", null, null),
            new(new DateTimeOffset(2026, 7, 2, 12, 0, 0, TimeSpan.Zero), "Newsletter", AttributeType.Boolean, "true", "false", AttributeChangeOrigin.Demo),
        ];
        var metrics = new CustomerMetrics(1, "USD", new DateOnly(2026, 11, 22), 4_900, 0, new DateOnly(2026, 3, 2), CustomerStatus.Active, ["Pro"], [],
            [new MovementEntry(new DateOnly(2026, 3, 2), "new", 4_900), new MovementEntry(new DateOnly(2026, 6, 20), "expansion", 1_000)]);
        var record = new CustomerRecord(new Customer { Id = 1, SourceId = 1, ExternalId = "cus_1", CreatedAt = Signup }, "Pushed", SourceProvider.Api, [], [], []);

        var timeline = CustomerTimelineModel.From(record, metrics, new ReportingCalendar("America/New_York"), [], [], changes);

        Assert.Equal(
            [
                ("2026-07-02", "attribute_change", "Newsletter changed from yes to no"),
                ("2026-07-01", "attribute_change", "Plan interest removed"),
                ("2026-06-20", "movement", "Expansion"),
                ("2026-06-09", "attribute_change", "CRM owner changed from Ann to Bob"), // 03:00 UTC is the evening before in New York
                ("2026-03-02", "movement", "New MRR"),
                ("2026-03-02", "attribute_change", "CRM owner set to Ann"),
                ("2026-03-02", "attribute_change", "UTM source set to google"),
            ],
            timeline.Select(e => (e.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.KindKey, e.Title)));
        Assert.Equal(["from Stripe", "by the API", "by a CSV import", null, "demo data"],
            changes.Select(c => timeline.Single(e => e.Title == CustomerTimelineModel.AttributeChangeTitle(c)).Detail));
        Assert.All(timeline.Where(e => e.Kind == TimelineKind.AttributeChange), e => Assert.Null(e.Amount));
    }
}
