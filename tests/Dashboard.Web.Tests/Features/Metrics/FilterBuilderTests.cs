using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Auth;
using Dashboard.Web.Features.Metrics;
using Dashboard.Web.Services.Filters;
using Dashboard.Web.Services.Metrics;
using Dashboard.Web.Services.Segments;
using Dashboard.Web.Services.Sources;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Metrics;

/// <summary>
/// The filter builder: fields by title, conditions in words, known values to pick, chips as sentences, an empty value
/// refused with a message, "no customer matches", and "Save as segment" for those who may save.
/// </summary>
public sealed class FilterBuilderTests : DashboardTestContext
{
    private readonly List<string> added = [];
    private readonly List<string> removed = [];
    private readonly List<long?> picked = [];

    [Fact]
    public void Fields_read_by_title_and_operators_in_words_while_the_option_values_stay_the_url_format()
    {
        var builder = RenderBuilder([]);

        var fields = builder.Find("[data-testid='filter-field']");
        var pairs = fields.ItemValues().Zip(fields.ItemTexts()).ToList();
        Assert.Contains(("utm_source", "UTM source"), pairs);
        Assert.Contains(("plan", "Plan"), pairs);
        builder.Find("[data-testid='filter-field']").Pick("UTM source");
        Assert.Equal("utm_source", builder.Find("[data-testid='filter-field']").GetAttribute("data-value"));
        Assert.Equal("UTM source", builder.Find("[data-testid='filter-field'] .rz-dropdown-label").TextContent.Trim());

        string[] words = ["is", "is not", "contains", "is one of", "is at least", "is at most", "is more than", "is less than", "is set", "is not set"];
        Assert.Equal(words, builder.Find("[data-testid='filter-op']").ItemTexts());
        var keys = words.Select(w =>
        {
            builder.Find("[data-testid='filter-op']").Pick(w);
            return builder.Find("[data-testid='filter-op']").GetAttribute("data-value");
        });
        Assert.Equal(["eq", "neq", "contains", "in", "gte", "lte", "gt", "lt", "exists", "not_exists"], keys);
    }

    [Fact]
    public void The_value_box_offers_the_known_values_of_the_chosen_field()
    {
        var builder = RenderBuilder([]);

        builder.Find("[data-testid='filter-field']").Pick("UTM source");
        Assert.Equal(["google", "newsletter"], builder.FindAll("[data-testid='filter-value'] [role='option'] [data-value]").Select(o => o.GetAttribute("data-value")));
        var input = builder.Find("[data-testid='filter-value'] input");
        Assert.Equal("Value", builder.Find($"label[for='{input.Id}']").TextContent);
        Assert.Equal("type or pick a value", input.GetAttribute("placeholder"));

        builder.Find("[data-testid='filter-field']").Pick("Plan");
        Assert.Equal(["Basic", "Pro", "price_pro_eur"], builder.FindAll("[data-testid='filter-value'] [role='option'] [data-value]").Select(o => o.GetAttribute("data-value")));
        Assert.Equal("Pro (EUR)", builder.Find("[data-testid='filter-value'] [data-value='price_pro_eur']").TextContent);

        // "Is one of" takes several values typed with |, so no single value is suggested.
        builder.Find("[data-testid='filter-op']").Pick("is one of");
        Assert.Empty(builder.FindAll("[data-testid='filter-value'] [role='option']"));
        Assert.Equal("values, separated by |", builder.Find("[data-testid='filter-value'] input").GetAttribute("placeholder"));
    }

    [Fact]
    public void Picking_field_condition_and_value_adds_one_filter_in_the_url_format_and_empties_the_value()
    {
        var builder = RenderBuilder([]);

        builder.Find("[data-testid='filter-field']").Pick("UTM source");
        builder.Find("[data-testid='filter-op']").Pick("is not");
        builder.Find("[data-testid='filter-value']").Type(" google ");
        builder.Find("[data-testid='filter-add']").Click();

        Assert.Equal(["utm_source:neq:google"], added);
        Assert.Equal(string.Empty, builder.Find("[data-testid='filter-value'] input").GetAttribute("value") ?? string.Empty);
        Assert.Empty(builder.FindAll("[data-testid='filter-problem']"));
    }

    [Fact]
    public void A_value_typed_as_a_known_values_label_stands_for_that_value()
    {
        var builder = RenderBuilder([]);

        builder.Find("[data-testid='filter-field']").Pick("Source");
        builder.Find("[data-testid='filter-value']").Type("stripe LIVE");
        builder.Find("[data-testid='filter-add']").Click();

        Assert.Equal(["source:eq:2"], added);
    }

    [Fact]
    public void An_empty_value_is_refused_with_a_message_but_is_set_needs_none()
    {
        var builder = RenderBuilder([]);

        builder.Find("[data-testid='filter-field']").Pick("Country");
        builder.Find("[data-testid='filter-value']").Type("   ");
        builder.Find("[data-testid='filter-add']").Click();

        Assert.Empty(added);
        var problem = builder.Find("[data-testid='filter-problem']");
        Assert.Equal("Enter a value for Country (or choose \"is set\").", problem.TextContent);
        var input = builder.Find("[data-testid='filter-value'] input");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal(problem.Id, input.GetAttribute("aria-describedby"));

        // Enter in the value box is refused the same way.
        builder.Find("[data-testid='filter-value']").KeyUp("Enter");
        Assert.Empty(added);
        Assert.Single(builder.FindAll("[data-testid='filter-problem']"));

        builder.Find("[data-testid='filter-op']").Pick("is set");
        Assert.Empty(builder.FindAll("[data-testid='filter-value']"));
        builder.Find("[data-testid='filter-add']").Click();

        Assert.Equal(["country:exists:"], added);
        Assert.Empty(builder.FindAll("[data-testid='filter-problem']"));
    }

    [Fact]
    public void At_least_takes_a_number_or_a_date_and_says_so_otherwise()
    {
        var builder = RenderBuilder([]);

        builder.Find("[data-testid='filter-field']").Pick("Seats used");
        builder.Find("[data-testid='filter-op']").Pick("is at least");
        builder.Find("[data-testid='filter-value']").Type("many");
        builder.Find("[data-testid='filter-add']").Click();
        Assert.Empty(added);
        Assert.Contains("enter a number or a date", builder.Find("[data-testid='filter-problem']").TextContent, StringComparison.Ordinal);

        // Typing again clears the message; Enter adds the filter.
        builder.Find("[data-testid='filter-value']").Type("5");
        Assert.Empty(builder.FindAll("[data-testid='filter-problem']"));
        builder.Find("[data-testid='filter-value']").KeyUp("Enter");
        Assert.Equal(["seats_used:gte:5"], added);
    }

    [Fact]
    public void Enter_that_takes_a_suggestion_picked_with_the_arrow_keys_adds_nothing_yet()
    {
        var builder = RenderBuilder([]);

        builder.Find("[data-testid='filter-field']").Pick("UTM source");
        builder.Find("[data-testid='filter-value']").KeyUp("ArrowDown");
        builder.Find("[data-testid='filter-value']").KeyUp("Enter");
        Assert.Empty(added);

        builder.Find("[data-testid='filter-value']").Type("google");
        builder.Find("[data-testid='filter-value']").KeyUp("Enter");
        Assert.Equal(["utm_source:eq:google"], added);
    }

    [Fact]
    public void Chips_read_as_sentences_and_keep_the_stored_filter_for_removal()
    {
        var builder = RenderBuilder(["utm_source:eq:google", "plan:in:Basic|price_pro_eur", "seats_used:gte:3", "country:not_exists:", "source:eq:2"]);

        Assert.Equal(["UTM source is google", "Plan is one of Basic or Pro (EUR)", "Seats used is at least 3", "Country is not set", "Source is Stripe live"],
            builder.FindAll(".filter-chip__text").Select(c => c.TextContent));
        Assert.Equal("Remove filter: UTM source is google", builder.Find(".filter-chip button").GetAttribute("aria-label"));

        builder.Find("[data-filter='seats_used:gte:3'] button").Click();
        Assert.Equal(["seats_used:gte:3"], removed);
    }

    [Fact]
    public void Picking_a_saved_segment_emits_its_id_and_the_empty_choice_clears_it()
    {
        var builder = RenderBuilder([]);
        Assert.Equal("All customers", builder.Find(".filter-builder__none").TextContent);
        var picker = builder.Find("[data-testid='segment-select']");
        Assert.Equal(["No saved segment", "Germany"], picker.ItemTexts());
        Assert.Equal("Country is DE", picker.QuerySelector(".rz-dropdown-item [data-value='7']")!.GetAttribute("title"));
        Assert.Equal("Segment", builder.Find($"#{picker.GetAttribute("aria-labelledby")}").TextContent);

        builder.Find("[data-testid='segment-select']").Pick("Germany");
        builder.Find("[data-testid='segment-select']").Pick("No saved segment");

        Assert.Equal([7L, null], picked);
    }

    [Fact]
    public void Filters_nobody_matches_say_so()
    {
        var builder = RenderBuilder(["utm_source:eq:nowhere"], new FixedFilterChoices(matches: 0));

        Assert.StartsWith("No customer matches these filters", builder.Find("[data-testid='filter-no-match']").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_some_customers_match_show_no_warning()
    {
        var builder = RenderBuilder(["utm_source:eq:google"], new FixedFilterChoices(matches: 4));

        Assert.Empty(builder.FindAll("[data-testid='filter-no-match']"));
    }

    [Fact]
    public void Save_as_segment_names_the_filters_in_words_and_saves_them()
    {
        var choices = new FixedFilterChoices();
        var builder = RenderBuilder(["utm_source:eq:google", "country:eq:DE"], choices);

        builder.Find("[data-testid='segment-save-open']").Click();
        var name = builder.Find("[data-testid='segment-save-name']");
        Assert.Equal("UTM source is google, Country is DE", name.GetAttribute("value"));
        Assert.Equal("Segment name", builder.Find($"label[for='{name.Id}']").TextContent);
        builder.Find("[data-testid='segment-save-name']").Input("Google in Germany");
        builder.Find("[data-testid='segment-save']").Submit();

        var saved = Assert.Single(choices.Saved);
        Assert.Equal(("Google in Germany", (long?)null), (saved.Name, saved.SegmentId));
        Assert.Equal(["utm_source:eq:google", "country:eq:DE"], saved.Filters);
        Assert.Contains("Saved as segment Google in Germany", builder.Find("[data-testid='segment-saved']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_in_the_segment_name_closes_the_form_without_saving()
    {
        var choices = new FixedFilterChoices();
        var builder = RenderBuilder(["utm_source:eq:google"], choices);

        builder.Find("[data-testid='segment-save-open']").Click();
        builder.Find("[data-testid='segment-save-name']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });

        Assert.Empty(builder.FindAll("[data-testid='segment-save']"));
        Assert.Empty(choices.Saved);
        Assert.Single(builder.FindAll("[data-testid='segment-save-open']"));
    }

    [Fact]
    public void Save_as_segment_is_not_offered_without_filters() =>
        Assert.Empty(RenderBuilder([]).FindAll("[data-testid='segment-save-open']"));

    [Fact]
    public void Save_as_segment_is_not_offered_to_those_who_may_not_save() =>
        Assert.Empty(RenderBuilder(["plan:eq:Pro"], new FixedFilterChoices(canSave: false)).FindAll("[data-testid='segment-save-open']"));

    private IRenderedComponent<FilterBuilder> RenderBuilder(IReadOnlyList<string> filters, FixedFilterChoices? choices = null)
    {
        Services.AddSingleton<IFilterChoices>(choices ?? new FixedFilterChoices());
        return Render<FilterBuilder>(p => p
            .Add(f => f.Filters, filters)
            .Add(f => f.Segments, [new SavedSegment(7, "Germany", [new SavedFilter("country", "eq", "DE")])])
            .Add(f => f.OnAdd, added.Add)
            .Add(f => f.OnRemove, removed.Add)
            .Add(f => f.OnSegment, picked.Add));
    }
}

/// <summary>The builder over the app's own services: a viewer is not offered "Save as segment", an admin saves one for real.</summary>
public sealed class FilterBuilderRoleTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private readonly KnownStore store;

    public FilterBuilderRoleTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    [Fact]
    public void A_viewer_is_not_offered_save_as_segment()
    {
        // The builder's own services in the circuit's scope, acting as the circuit's user.
        Services.AddScoped<ICurrentUser>(_ => new KnownUser(TestUsers.InRole(DashboardRoles.Viewer)));
        Services.AddScoped<AccessGuard>();
        Services.AddSingleton(store.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>());
        Services.AddScoped<SegmentService>();
        Services.AddSingleton(store.Services.GetRequiredService<MetricQueryService>());
        Services.AddSingleton(store.Services.GetRequiredService<SourceDirectory>());
        Services.AddScoped<IFilterChoices, FilterChoices>();

        var builder = Render(["plan:eq:pro"]);

        Assert.Empty(builder.FindAll("[data-testid='segment-save-open']"));
        Assert.Equal("Plan is pro", builder.Find(".filter-chip__text").TextContent);
    }

    [Fact]
    public async Task An_admin_saves_the_filters_as_a_segment_and_the_vocabulary_comes_from_the_data()
    {
        var builder = Render(["plan:eq:pro"]);

        builder.Find("[data-testid='filter-field']").Pick("Plan");
        Assert.Equal(["basic", "business", "pro"], builder.FindAll("[data-testid='filter-value'] [role='option'] [data-value]").Select(o => o.GetAttribute("data-value")).Order(StringComparer.Ordinal));
        builder.Find("[data-testid='segment-save-open']").Click();
        builder.Find("[data-testid='segment-save-name']").Input("Pro from a metric page");
        builder.Find("[data-testid='segment-save']").Submit();

        builder.WaitForElement("[data-testid='segment-saved']");
        var saved = (await store.Services.GetRequiredService<SegmentService>().ListAsync(CancellationToken.None)).Single(s => s.Name == "Pro from a metric page");
        Assert.Equal(["plan:eq:pro"], saved.Filters);
    }

    [Fact]
    public void Filters_no_customer_of_the_store_matches_say_so() =>
        Render(["plan:eq:enterprise"]).WaitForElement("[data-testid='filter-no-match']");

    [Fact]
    public void Filters_some_customers_of_the_store_match_show_no_warning() =>
        Assert.Empty(Render(["plan:eq:pro"]).FindAll("[data-testid='filter-no-match']"));

    private IRenderedComponent<FilterBuilder> Render(IReadOnlyList<string> filters) =>
        Render<FilterBuilder>(p => p
            .Add(f => f.Filters, filters)
            .Add(f => f.OnAdd, _ => { })
            .Add(f => f.OnRemove, _ => { }));
}
