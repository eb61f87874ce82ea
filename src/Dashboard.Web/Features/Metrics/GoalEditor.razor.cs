using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Services.ChartNotes;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Metrics;

/// <summary>
/// Sets, changes or deletes a metric's goal through <see cref="ChartNoteService"/> (which checks the right to edit data
/// itself). The target is typed in the metric's display unit (dollars, customers, percent) and stored in its stored
/// unit (minor units for money, whole numbers otherwise); a new goal starts at <see cref="Current"/> on <see cref="Today"/>.
/// </summary>
public partial class GoalEditor : ComponentBase
{
    private readonly string idPrefix = $"goal-{Guid.NewGuid():N}";
    private GoalForm? form;
    private string? error;
    private bool confirmingDelete;

    [Parameter, EditorRequired]
    public required MetricDefinition Metric { get; set; }

    [Parameter, EditorRequired]
    public required string Currency { get; set; }

    /// <summary>The goal shown on the page; null when the metric has none.</summary>
    [Parameter]
    public Goal? Goal { get; set; }

    /// <summary>The headline figure, stored unit: where a new goal starts.</summary>
    [Parameter]
    public decimal? Current { get; set; }

    [Parameter]
    public DateOnly Today { get; set; }

    [Parameter]
    public bool CanEdit { get; set; }

    /// <summary>Opens the form for a new goal at once (the Overview card's "Set a goal" link).</summary>
    [Parameter]
    public bool StartOpen { get; set; }

    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    public required ChartNoteService ChartNotes { get; init; }

    private string UnitHint => Metric.Unit switch
    {
        MetricUnit.Money => $"({Currency})",
        MetricUnit.Percent => "(%)",
        MetricUnit.Count => "(count)",
        _ => string.Empty,
    };

    protected override void OnInitialized()
    {
        if (StartOpen && CanEdit)
        {
            if (Goal is null)
            {
                OpenNew();
            }
            else
            {
                OpenEdit();
            }
        }
    }

    private void OpenNew()
    {
        error = null;
        form = new GoalForm
        {
            Name = $"{Metric.Title} goal",
            By = new DatedNoteDate(new DateOnly(Today.Year, Today.Month, 1).AddMonths(4).AddDays(-1)),
        };
    }

    private void OpenEdit()
    {
        if (Goal is not { } goal)
        {
            return;
        }

        error = null;
        form = new GoalForm { Id = goal.Id, Name = goal.Name, By = new DatedNoteDate(goal.EndDate), Target = GoalAmounts.Display(goal.EndAmount, Metric.Unit, Currency) };
    }

    private void Cancel()
    {
        form = null;
        error = null;
    }

    private async Task SaveAsync()
    {
        if (form is null)
        {
            return;
        }

        var problems = new List<string>();
        long? target = null;
        if (string.IsNullOrWhiteSpace(form.Target))
        {
            problems.Add("Target is required.");
        }
        else if (GoalAmounts.Parse(form.Target, Metric.Unit, Currency) is { } parsed)
        {
            target = parsed;
        }
        else
        {
            problems.Add(Metric.Unit == MetricUnit.Money ? "Target must be an amount such as 10000 or 10,000.50." : "Target must be a whole number.");
        }

        if (!form.By.TryRead(out var by))
        {
            problems.Add(DatedNoteInput.BadDate);
        }
        else if (by is null)
        {
            problems.Add("Date is required.");
        }

        if (problems.Count > 0)
        {
            error = string.Join(" ", problems);
            return;
        }

        var draft = form.Id is { } id && Goal is { } existing && existing.Id == id
            ? new GoalDraft(id, Metric.Name, form.Name, existing.StartAmount, existing.StartDate, target, by)
            : new GoalDraft(null, Metric.Name, form.Name, Current is { } now ? (long)Math.Round(now, MidpointRounding.AwayFromZero) : 0, Today, target, by);
        var result = await ChartNotes.SaveGoalAsync(draft, CancellationToken.None);
        if (!result.Succeeded)
        {
            error = string.Join(" ", result.Errors.SelectMany(e => e.Value.Select(m => $"{FieldName(e.Key)} {m}.")));
            return;
        }

        form = null;
        error = null;
        await OnChanged.InvokeAsync();
    }

    private async Task DeleteAsync()
    {
        confirmingDelete = false;
        if (Goal is { } goal)
        {
            await ChartNotes.DeleteGoalAsync(goal.Id, CancellationToken.None);
            await OnChanged.InvokeAsync();
        }
    }

    private static string FieldName(string field) => field switch
    {
        "name" => "Name",
        "end_amount" => "Target",
        "end_date" => "Date",
        "start_date" => "Start date",
        "id" => "The goal",
        _ => field,
    };

    private sealed class GoalForm
    {
        public long? Id { get; init; }

        public string? Name { get; set; }

        public string? Target { get; set; }

        public DatedNoteDate By { get; init; } = new();
    }
}

/// <summary>Goal amounts between the stored unit (minor units for money, whole numbers otherwise) and what a person types.</summary>
public static class GoalAmounts
{
    /// <summary>"10000.5" for $10,000.50 stored as 1000050; "120" for 120 customers.</summary>
    public static string Display(long amount, MetricUnit unit, string currency) => unit == MetricUnit.Money
        ? (amount / (decimal)Core.Money.Currency.MinorPerMajor(currency)).ToString("0.###", CultureInfo.InvariantCulture)
        : amount.ToString(CultureInfo.InvariantCulture);

    /// <summary>The stored amount of a typed target ("$10,000.50", "10000", "4 %"); null when it is not a number in the unit.</summary>
    public static long? Parse(string text, MetricUnit unit, string currency)
    {
        var cleaned = new string(text.Where(c => char.IsDigit(c) || c is '.' or '-').ToArray());
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || text.Any(char.IsLetter) && unit != MetricUnit.Money)
        {
            return null;
        }

        if (unit == MetricUnit.Money)
        {
            var minor = value * Core.Money.Currency.MinorPerMajor(currency);
            return minor == decimal.Truncate(minor) ? (long)minor : null;
        }

        return value == decimal.Truncate(value) ? (long)value : null;
    }
}
