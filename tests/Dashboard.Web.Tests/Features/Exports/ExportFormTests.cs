using Bunit;
using Dashboard.Core.Exports;
using Dashboard.Infrastructure.Exports;
using Dashboard.Web.Features.Exports;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Features.Exports;

/// <summary>
/// The export form: what the user fills in becomes the draft the service validates (here with the same rules,
/// <see cref="ExportDraft.Validate"/>), errors come back next to their field, and a preview shows the first rows.
/// </summary>
public sealed class ExportFormTests : DashboardTestContext
{
    private readonly List<ExportDefinition> saved = [];

    [Fact]
    public void The_founders_export_is_saved_as_filled_in()
    {
        var form = RenderForm(new ExportFormModel());

        form.Find("[data-testid='export-name']").Input("Google founders");
        foreach (var metric in new[] { "new_mrr", "churned_mrr", "customer_churn_rate" })
        {
            form.Find($"[role='checkbox'][data-metric='{metric}']").Click();
        }

        form.Find("[data-testid='export-filters']").Input("utm_source:eq:google");
        Choose(form, "export-frequency", "Weekly");
        Choose(form, "export-weekday", "Monday");
        form.Find("[data-testid='export-at']").Input("08:00");
        form.Find("[data-testid='export-email']").Input("founder@example.com, cfo@example.com");
        form.Find("[data-testid='export-save']").Click();

        var definition = Assert.Single(saved);
        Assert.Equal("Google founders", definition.Name);
        Assert.Equal(["mrr", "new_mrr", "churned_mrr", "customer_churn_rate"], definition.Metrics);
        Assert.Equal(["utm_source:eq:google"], definition.Filters);
        Assert.Equal(RelativeRange.Last12Months, definition.Range);
        Assert.Equal("0 8 * * 1", definition.Schedule.ToCron());
        Assert.Equal([DeliveryType.Folder, DeliveryType.Email], definition.Deliveries.Select(d => d.Type));
        Assert.Equal(["founder@example.com", "cfo@example.com"], definition.Deliveries[1].To);
        Assert.Empty(form.FindAll("[data-testid='export-errors']"));
    }

    [Fact]
    public void A_digest_with_no_metric_ticked_is_saved_with_the_main_kpis()
    {
        var form = RenderForm(new ExportFormModel { Name = "Monday digest" });

        Choose(form, "export-kind", "Digest");
        Assert.Contains("Net new MRR", form.Find("[data-testid='export-digest-default']").TextContent, StringComparison.Ordinal);
        form.Find("[role='checkbox'][data-metric='mrr']").Click();
        Assert.Equal("false", form.Find("[role='checkbox'][data-metric='mrr']").GetAttribute("aria-checked"));
        form.Find("[data-testid='export-save']").Click();

        var definition = Assert.Single(saved);
        Assert.Equal(ExportKind.Digest, definition.Kind);
        Assert.Equal(DigestKpis.Default, definition.Metrics);
    }

    [Fact]
    public void Errors_are_shown_by_field_and_nothing_is_saved()
    {
        var form = RenderForm(new ExportFormModel { Name = "Broken" });

        Choose(form, "export-frequency", "Monthly");
        form.Find("[data-testid='export-day']").Change("31");
        form.Find("[data-testid='export-at']").Input("8 am");
        form.Find("[data-testid='export-webhook-url']").Input("not a url");
        form.Find("[data-testid='export-save']").Click();

        Assert.Empty(saved);
        var fields = form.FindAll("[data-testid='export-errors'] li").Select(li => li.GetAttribute("data-field")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "schedule.day", "schedule.at", "deliveries[1].url", "deliveries[1].secret" }, fields);
        Assert.Equal("true", form.Find("[data-testid='export-at']").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void Editing_keeps_the_stored_webhook_secret_when_the_field_is_left_empty()
    {
        var stored = new ExportDraft
        {
            Name = "Hook",
            Kind = "customers",
            Schedule = new ScheduleDraft("daily", "06:30"),
            Deliveries = [new DeliveryDraft("webhook", null, "https://example.com/in", "stored-secret-0123456789")],
        }.Validate(out _)!;
        var form = RenderForm(ExportFormModel.From(stored));

        Assert.Empty(form.FindAll("[data-testid='export-metrics']"));
        form.Find("[data-testid='export-name']").Input("Hook renamed");
        form.Find("[data-testid='export-save']").Click();

        var definition = Assert.Single(saved);
        Assert.Equal("Hook renamed", definition.Name);
        Assert.Equal("stored-secret-0123456789", Assert.Single(definition.Deliveries).Secret);
    }

    [Fact]
    public void The_preview_is_live_it_follows_every_change_of_the_rows_without_a_click()
    {
        var form = RenderForm(new ExportFormModel());

        // Shown at once, though the form has no name yet: the preview needs only what shapes the rows.
        Assert.Equal("date,mrr", Header(form));
        form.Find("[role='checkbox'][data-metric='churned_mrr']").Click();
        Assert.Equal("date,mrr,churned_mrr", Header(form));
        form.Find("[data-testid='export-filters']").Input("utm_source:nope:google");
        Assert.Contains("filter[0]", form.Find("[data-testid='export-preview-error']").TextContent, StringComparison.Ordinal);
        Assert.Empty(form.FindAll("[data-testid='export-preview-table']"));
        form.Find("[data-testid='export-filters']").Input("utm_source:eq:google");
        Assert.Equal("date,mrr,churned_mrr", Header(form));
        Assert.Empty(form.FindAll("[data-testid='export-errors']"));
        Assert.Empty(saved);
    }

    /// <summary>Picks an entry of a Radzen dropdown by its text.</summary>
    private static void Choose(IRenderedComponent<ExportForm> form, string testId, string text) =>
        form.Find($"[data-testid='{testId}'] .rz-dropdown-item[aria-label='{text}']").Click();

    private static string Header(IRenderedComponent<ExportForm> form) =>
        string.Join(',', form.FindAll("[data-testid='export-preview-table'] th").Select(th => th.TextContent));

    [Fact]
    public void A_preview_shows_the_first_rows()
    {
        var form = RenderForm(new ExportFormModel { Name = "Preview" });

        form.Find("[data-testid='export-preview']").Click();

        var rows = form.FindAll("[data-testid='export-preview-table'] tbody tr");
        Assert.Equal(ExportForm.PreviewRows, rows.Count);
        Assert.Equal("date,mrr", string.Join(',', form.FindAll("[data-testid='export-preview-table'] th").Select(th => th.TextContent)));
        Assert.Equal("2025-01-01", rows[0].Children[0].TextContent);
        Assert.Empty(saved);
    }

    private IRenderedComponent<ExportForm> RenderForm(ExportFormModel model) => Render<ExportForm>(p => p
        .Add(f => f.Model, model)
        .Add(f => f.Save, draft =>
        {
            var definition = draft.Validate(out var errors);
            if (definition is not null)
            {
                saved.Add(definition);
            }

            return Task.FromResult<IReadOnlyDictionary<string, string[]>>(errors);
        })
        .Add(f => f.Preview, draft =>
        {
            var definition = draft.Validate(out var errors);
            var rows = Enumerable.Range(0, 12)
                .Select(i => (IReadOnlyList<string?>)[CsvCells.Day(new DateOnly(2025, 1, 1).AddMonths(i)), CsvCells.Money(1000 + i, "USD")])
                .Take(ExportForm.PreviewRows)
                .ToList();
            return Task.FromResult(definition is null
                ? new ExportPreview(null, errors)
                : new ExportPreview(new ExportTable(["date", .. definition.Metrics], rows, []), errors));
        }));
}
