using Bunit;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Features.Customers;

/// <summary>The customer page's timeline over <see cref="KnownStore"/> (its services act as an admin), and the timeline on its own.</summary>
public sealed class CustomerTimelineTests : DashboardTestContext, IClassFixture<KnownStore>
{
    private readonly KnownStore store;

    public CustomerTimelineTests(KnownStore store)
    {
        this.store = store;
        Services.AddFallbackServiceProvider(store.Services);
    }

    [Fact]
    public async Task An_admin_adds_a_dated_note_that_joins_the_timeline_and_deletes_it()
    {
        var id = await CustomerIdAsync("d");
        Open($"customers/{id}");
        var page = RenderPage<CustomerPage>(p => p.Add(c => c.Id, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        page.WaitForElement("[data-testid='customer-timeline']");
        Assert.Equal(["subscription", "movement", "movement", "subscription"], Kinds(page)); // D: started, new, churned, ended

        page.Find("[data-testid='note-date'] input").Change("2026-11-12");
        page.Find("[data-testid='note-text']").Change("Said the price went up");
        page.Find("[data-testid='note-form']").Submit();

        page.WaitForAssertion(() => Assert.Equal("note", page.Find("[data-testid='customer-timeline'] li").GetAttribute("data-kind")));
        var note = page.Find("li[data-kind='note']");
        Assert.Equal("2026-11-12", note.GetAttribute("data-date"));
        Assert.Contains("Said the price went up", note.TextContent, StringComparison.Ordinal);

        page.Find("[data-testid='note-delete']").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("li[data-kind='note']")));
    }

    [Fact]
    public void An_empty_note_is_refused_with_a_message()
    {
        var entries = new List<TimelineEntry>();
        var timeline = Render<CustomerTimeline>(p => p
            .Add(t => t.Entries, entries)
            .Add(t => t.CanEdit, true)
            .Add(t => t.DefaultDate, new DateOnly(2026, 11, 22))
            .Add(t => t.OnAdd, (date, text) => Task.FromResult<IReadOnlyDictionary<string, string[]>>(
                string.IsNullOrWhiteSpace(text) ? new Dictionary<string, string[]> { ["text"] = ["is required"] } : new Dictionary<string, string[]>())));

        Assert.Equal("2026-11-22", timeline.Find("[data-testid='note-date'] input").GetAttribute("value"));
        timeline.Find("[data-testid='note-form']").Submit();

        Assert.Equal("Note is required.", timeline.Find("[data-testid='note-error']").TextContent);

        // A typed date the picker cannot read is named (the same message as every dated-note form).
        timeline.Find("[data-testid='note-date'] input").Change("22.11.2026");
        timeline.Find("[data-testid='note-form']").Submit();
        Assert.Equal(DatedNoteInput.BadDate, timeline.Find("[data-testid='note-error']").TextContent);
    }

    [Fact]
    public void Without_edit_rights_notes_show_without_the_form_or_delete_buttons_and_the_filter_narrows_the_list()
    {
        TimelineEntry[] entries =
        [
            new(new DateOnly(2026, 11, 20), TimelineKind.Note, "Note", "Called", null, null, 7, "owner@example.com"),
            new(new DateOnly(2026, 11, 10), TimelineKind.Charge, "Charge paid", "ch_1 (recurring)", 1_000, "$10.00"),
            new(new DateOnly(2026, 11, 1), TimelineKind.Movement, "New MRR", null, 1_000, "+$10.00"),
        ];
        var timeline = Render<CustomerTimeline>(p => p.Add(t => t.Entries, entries).Add(t => t.CanEdit, false));

        Assert.Empty(timeline.FindAll("[data-testid='note-form']"));
        Assert.Empty(timeline.FindAll("[data-testid='note-delete']"));
        Assert.Contains("by owner@example.com", timeline.Find("li[data-kind='note']").TextContent, StringComparison.Ordinal);

        timeline.Find("[data-testid='timeline-filter'] [aria-label='Payments']").Click();
        Assert.Equal(["charge"], timeline.FindAll("li[data-kind]").Select(e => e.GetAttribute("data-kind")));
    }

    [Fact]
    public void The_attribute_changes_filter_shows_only_attribute_changes_and_all_brings_the_rest_back()
    {
        TimelineEntry[] entries =
        [
            new(new DateOnly(2026, 11, 20), TimelineKind.AttributeChange, "CRM owner changed from Ann to Bob", "by the API", null, null),
            new(new DateOnly(2026, 11, 10), TimelineKind.Charge, "Charge paid", "ch_1 (recurring)", 1_000, "$10.00"),
            new(new DateOnly(2026, 11, 2), TimelineKind.Note, "Note", "Called", null, null, 7, "owner@example.com"),
            new(new DateOnly(2026, 11, 1), TimelineKind.AttributeChange, "UTM source set to google", "from Stripe", null, null),
        ];
        var timeline = Render<CustomerTimeline>(p => p.Add(t => t.Entries, entries).Add(t => t.CanEdit, false));

        timeline.Find("[data-testid='timeline-filter'] [aria-label='Attribute changes']").Click();
        var shown = timeline.FindAll("li[data-kind]");
        Assert.Equal(["attribute_change", "attribute_change"], shown.Select(e => e.GetAttribute("data-kind")));
        Assert.Contains("CRM owner changed from Ann to Bob", shown[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-11-01", shown[1].GetAttribute("data-date"));
        Assert.DoesNotContain("not kept", timeline.Markup, StringComparison.Ordinal);

        timeline.Find("[data-testid='timeline-filter'] [aria-label='Notes and reasons']").Click();
        Assert.Equal(["note"], timeline.FindAll("li[data-kind]").Select(e => e.GetAttribute("data-kind")));

        timeline.Find("[data-testid='timeline-filter'] [aria-label='All']").Click();
        Assert.Equal(4, timeline.FindAll("li[data-kind]").Count);
    }

    private static List<string?> Kinds(IRenderedComponent<CustomerPage> page) =>
        page.FindAll("[data-testid='customer-timeline'] li[data-kind]").Select(e => e.GetAttribute("data-kind")).ToList();

    private async Task<long> CustomerIdAsync(string externalId)
    {
        var factory = store.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Customers.Where(c => c.ExternalId == externalId).Select(c => c.Id).SingleAsync();
    }
}
