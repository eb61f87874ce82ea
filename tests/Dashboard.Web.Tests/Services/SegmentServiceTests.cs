using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Features.Segments;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Auth;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Services;

/// <summary>Saved segments for the API and the pages, against real SQLite and PostgreSQL stores: one set of rules, one resolution.</summary>
public sealed class SegmentServiceTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_edit_and_delete_a_segment(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new SegmentService(database.CreateFactory(), TestUsers.Admin);

        var created = await store.CreateAsync("  Pro in Germany ", ["plan:eq:pro", "country:EQ:DE"], CancellationToken.None);
        Assert.True(created.Succeeded);
        var id = created.Segment!.Id;
        Assert.Equal("Pro in Germany", created.Segment.Name);
        Assert.Equal(["plan:eq:pro", "country:eq:DE"], created.Segment.Filters);
        Assert.Equal(["plan:eq:pro", "country:eq:DE"], (await store.ListAsync(CancellationToken.None)).Single().Filters);

        var edited = await store.UpdateAsync(id, "Pro", ["plan:in:pro|business", "email:exists:"], CancellationToken.None);
        Assert.True(edited.Succeeded);
        await using (var db = database.CreateContext())
        {
            var row = await db.Segments.AsNoTracking().SingleAsync();
            Assert.Equal(("Pro", id), (row.Name, row.Id));
            Assert.Equal([new SavedFilter("plan", "in", "pro|business"), new SavedFilter("email", "exists", string.Empty)], SavedFilters.Parse(row.FiltersJson));
        }

        Assert.Equal("Pro", (await store.DeleteAsync(id, CancellationToken.None))?.Name);
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        Assert.Null(await store.DeleteAsync(id, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bad_input_names_the_field_and_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new SegmentService(database.CreateFactory(), TestUsers.Admin);
        var kept = (await store.CreateAsync("Kept", ["plan:eq:pro"], CancellationToken.None)).Segment!;

        var missingName = await store.CreateAsync(" ", [], CancellationToken.None);
        var badFilters = await store.UpdateAsync(kept.Id, "Renamed", ["plan:eq:pro", "planet:eq:mars", "country:like:DE", "email:gt:many"], CancellationToken.None);
        var tooLong = await store.CreateAsync(new string('x', SegmentRules.MaxNameLength + 1), [], CancellationToken.None);
        var unknown = await store.UpdateAsync(kept.Id + 100, "Ghost", [], CancellationToken.None);

        Assert.False(missingName.Succeeded);
        Assert.Equal(["name"], missingName.Errors.Keys);
        Assert.Equal(["filters[1].field", "filters[2].op", "filters[3].value"], badFilters.Errors.Keys.Order());
        Assert.Contains("'planet' is neither a built-in field", badFilters.Errors["filters[1].field"][0]);
        Assert.Contains("must be one of", badFilters.Errors["filters[2].op"][0]);
        Assert.Equal("must be at most 200 characters", Assert.Single(tooLong.Errors["name"]));
        Assert.Equal(["id"], unknown.Errors.Keys);
        Assert.True(unknown.NotFound);
        var only = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal("Kept", only.Name);
        Assert.Equal(["plan:eq:pro"], only.Filters);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_update_keeps_the_name_or_filters_it_is_told_to_keep(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var service = new SegmentService(database.CreateFactory(), TestUsers.Admin);
        var id = (await service.CreateAsync("Germany", ["country:eq:DE", "plan:eq:pro"], CancellationToken.None)).Segment!.Id;

        var renamed = await service.UpdateAsync(id, new SegmentChange("DE", null, KeepFilters: true), CancellationToken.None);
        var refiltered = await service.UpdateAsync(id, new SegmentChange(null, [new SegmentFilterInput("country", "eq", "FR")], KeepName: true),
            CancellationToken.None);

        Assert.Equal(["country:eq:DE", "plan:eq:pro"], renamed.Segment!.Filters);
        Assert.Equal("DE", renamed.Segment.Name);
        Assert.Equal("DE", refiltered.Segment!.Name);
        Assert.Equal(["country:eq:FR"], refiltered.Segment.Filters);
        var missingFilters = await service.UpdateAsync(id, new SegmentChange("DE", null), CancellationToken.None);
        Assert.Equal(["filters"], missingFilters.Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_segment_id_resolves_to_the_filters_a_metric_query_takes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var service = new SegmentService(database.CreateFactory(), TestUsers.Admin);
        var id = (await service.CreateAsync("Seats", ["country:in:DE|FR", "email:exists:"], CancellationToken.None)).Segment!.Id;

        var filters = await service.FiltersOfAsync(id, CancellationToken.None);

        Assert.Equal(
            [new Core.Segments.SegmentFilter("country", Core.Segments.FilterOperator.In, "DE|FR"),
             new Core.Segments.SegmentFilter("email", Core.Segments.FilterOperator.Exists, string.Empty)],
            filters);
        var missing = await Assert.ThrowsAsync<Core.Metrics.MetricQueryException>(() => service.FiltersOfAsync(id + 1, CancellationToken.None));
        Assert.Equal("segment_id", missing.Parameter);
    }

    [Theory]
    [InlineData("name", "Name:")]
    [InlineData("filters[0].field", "Filter 1 field:")]
    [InlineData("filters[2]", "Filter 3:")]
    public void Error_labels_name_the_field_for_people(string field, string label) =>
        Assert.Equal(label, SegmentsPage.FieldLabel(field));
}
