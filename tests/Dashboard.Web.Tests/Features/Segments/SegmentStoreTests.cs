using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Api.Segments;
using Dashboard.Web.Features.Segments;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Features.Segments;

/// <summary>The Segments page's create, edit and delete against real SQLite and PostgreSQL stores, with the API's validation.</summary>
public sealed class SegmentStoreTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_edit_and_delete_a_segment(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new SegmentStore(database.CreateFactory());

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
            Assert.Equal([new SegmentFilter("plan", "in", "pro|business"), new SegmentFilter("email", "exists", string.Empty)], SegmentFilters.Parse(row.FiltersJson));
        }

        Assert.True(await store.DeleteAsync(id, CancellationToken.None));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        Assert.False(await store.DeleteAsync(id, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bad_input_names_the_field_and_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new SegmentStore(database.CreateFactory());
        var kept = (await store.CreateAsync("Kept", ["plan:eq:pro"], CancellationToken.None)).Segment!;

        var missingName = await store.CreateAsync(" ", [], CancellationToken.None);
        var badFilters = await store.UpdateAsync(kept.Id, "Renamed", ["plan:eq:pro", "planet:eq:mars", "country:like:DE", "email:gt:many"], CancellationToken.None);
        var tooLong = await store.CreateAsync(new string('x', SegmentValidation.MaxNameLength + 1), [], CancellationToken.None);
        var unknown = await store.UpdateAsync(kept.Id + 100, "Ghost", [], CancellationToken.None);

        Assert.False(missingName.Succeeded);
        Assert.Equal(["name"], missingName.Errors.Keys);
        Assert.Equal(["filters[1].field", "filters[2].op", "filters[3].value"], badFilters.Errors.Keys.Order());
        Assert.Contains("'planet' is neither a built-in field", badFilters.Errors["filters[1].field"][0]);
        Assert.Contains("must be one of", badFilters.Errors["filters[2].op"][0]);
        Assert.Equal("must be at most 200 characters", Assert.Single(tooLong.Errors["name"]));
        Assert.Equal(["id"], unknown.Errors.Keys);
        var only = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal("Kept", only.Name);
        Assert.Equal(["plan:eq:pro"], only.Filters);
    }

    [Theory]
    [InlineData("name", "Name:")]
    [InlineData("filters[0].field", "Filter 1 field:")]
    [InlineData("filters[2]", "Filter 3:")]
    public void Error_labels_name_the_field_for_people(string field, string label) =>
        Assert.Equal(label, SegmentsPage.FieldLabel(field));
}
