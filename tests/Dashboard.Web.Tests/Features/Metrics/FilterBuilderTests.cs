using Bunit;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>The filter builder: what it emits when the user adds, removes or picks a segment.</summary>
public sealed class FilterBuilderTests : DashboardTestContext
{
    private readonly List<string> added = [];
    private readonly List<string> removed = [];
    private readonly List<long?> picked = [];

    [Fact]
    public void Field_operator_and_value_make_one_filter_and_the_value_box_empties()
    {
        var builder = RenderBuilder([]);

        builder.Find("[data-testid='filter-field']").Change("plan");
        builder.Find("[data-testid='filter-op']").Change("in");
        builder.Find("[data-testid='filter-value']").Input(" business|pro ");
        builder.Find("[data-testid='filter-add']").Click();

        Assert.Equal(["plan:in:business|pro"], added);
        Assert.Equal(string.Empty, builder.Find("[data-testid='filter-value']").GetAttribute("value"));
    }

    [Fact]
    public void Without_a_value_nothing_is_added_but_exists_needs_none()
    {
        var builder = RenderBuilder([]);

        builder.Find("[data-testid='filter-field']").Change("country");
        builder.Find("[data-testid='filter-add']").Click();
        Assert.Empty(added);

        builder.Find("[data-testid='filter-op']").Change("exists");
        Assert.True(builder.Find("[data-testid='filter-value']").HasAttribute("disabled"));
        builder.Find("[data-testid='filter-add']").Click();

        Assert.Equal(["country:exists:"], added);
    }

    [Fact]
    public void A_chips_button_removes_that_filter()
    {
        var builder = RenderBuilder(["plan:eq:pro", "country:eq:DE"]);

        builder.Find("[data-filter='country:eq:DE'] button").Click();

        Assert.Equal(["country:eq:DE"], removed);
        Assert.Empty(added);
    }

    [Fact]
    public void Picking_a_saved_segment_emits_its_id_and_the_empty_choice_clears_it()
    {
        var builder = RenderBuilder([]);
        Assert.Equal("All customers", builder.Find(".filter-builder__none").TextContent);

        builder.Find("[data-testid='segment-select']").Change("7");
        builder.Find("[data-testid='segment-select']").Change(string.Empty);

        Assert.Equal([7L, null], picked);
    }

    private IRenderedComponent<FilterBuilder> RenderBuilder(IReadOnlyList<string> filters) =>
        Render<FilterBuilder>(p => p
            .Add(f => f.Fields, FilterFields.Fixed)
            .Add(f => f.Filters, filters)
            .Add(f => f.Segments, [new SavedSegment(7, "Germany", [new SavedFilter("country", "eq", "DE")])])
            .Add(f => f.OnAdd, added.Add)
            .Add(f => f.OnRemove, removed.Add)
            .Add(f => f.OnSegment, picked.Add));
}
