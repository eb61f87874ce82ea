using System.Globalization;
using Dashboard.Core.Trials;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Customers;
using Dashboard.Web.Services.Metrics;

namespace Dashboard.Web.Features.Trials;

/// <summary>One step of the funnel as the page shows it; <see cref="Key"/> is its <c>step</c> in the URL and <c>data-step</c>.</summary>
public sealed record TrialStepView(string Key, string Label, int Count, string Share, double Width, string Help);

/// <summary>A trial in the drill-down list.</summary>
public sealed record TrialRowView(long CustomerId, string Customer, string? Email, string Subscription, string Plan, string Started, string Outcome,
    string OutcomeKey, string Ended, string DaysToConvert);

/// <summary>The Trials page: the funnel's steps with their shares, the time to convert, and the trials of the chosen step.</summary>
public sealed class TrialFunnelModel
{
    public required DateOnly Start { get; init; }
    public required DateOnly End { get; init; }
    public required IReadOnlyList<TrialStepView> Steps { get; init; }
    public required string ConversionRate { get; init; }
    public required string MedianDays { get; init; }
    public required string AverageDays { get; init; }
    public required string? Step { get; init; }
    public required string StepTitle { get; init; }
    /// <summary>Every trial of the step (the list's count is theirs, whichever page shows).</summary>
    public required IReadOnlyList<TrialRowView> Rows { get; init; }

    /// <summary>The page of <see cref="Rows"/> the list shows, <see cref="PageSize"/> at a time.</summary>
    public PagerModel Pager { get; private init; } = PagerModel.For(1, PageSize, 0, _ => string.Empty);

    /// <summary>The rows of the page shown.</summary>
    public IReadOnlyList<TrialRowView> PageRows => Pager.Slice(Rows);

    /// <summary>Trials listed a page: as many as the customer list shows.</summary>
    public const int PageSize = CustomerListState.PageSize;

    public required int Started { get; init; }

    public string RangeText => $"{CustomerPageModel.DateText(Start)} – {CustomerPageModel.DateText(End)}";

    /// <summary>The step keys in the URL, with their outcome (null: every trial started).</summary>
    public static readonly IReadOnlyDictionary<string, TrialOutcome?> StepOutcomes = new Dictionary<string, TrialOutcome?>(StringComparer.Ordinal)
    {
        ["started"] = null,
        ["converted"] = TrialOutcome.Converted,
        ["lost"] = TrialOutcome.Lost,
        ["trialing"] = TrialOutcome.Trialing,
    };

    /// <param name="data">The funnel for the view.</param>
    /// <param name="step">The step whose trials are listed (null or unknown: every trial started).</param>
    /// <param name="page">The page of the list (from 1; absent or out of range is clamped to the pages there are).</param>
    /// <param name="pageHref">The address of a page of this step's list by its number.</param>
    public static TrialFunnelModel From(TrialFunnelData data, string? step, int? page = null, Func<string?, int, string>? pageHref = null)
    {
        var f = data.Funnel;
        step = step is not null && StepOutcomes.ContainsKey(step) ? step : null;
        var steps = new List<TrialStepView>
        {
            StepOf("started", "Trials started", f.Started, f.Started, "Subscriptions that started with a free trial in the range (new trials)."),
            StepOf("converted", "Converted", f.Converted, f.Started, "Still running when the trial ended: they became paying subscriptions."),
            StepOf("lost", "Lost", f.Lost, f.Started, "Cancelled during the trial or at its end, without converting."),
            StepOf("trialing", "Still trialing", f.Trialing, f.Started, "In their trial at the end of the range."),
        };
        var trials = f.In(step is null ? null : StepOutcomes[step]);
        var href = pageHref ?? ((_, n) => "?page=" + n.ToString(CultureInfo.InvariantCulture));
        var listed = step;
        return new TrialFunnelModel
        {
            Start = data.Start,
            End = data.End,
            Steps = steps,
            Started = f.Started,
            ConversionRate = f.ConversionRate is { } rate ? Percent(rate) : "–",
            MedianDays = Days(f.MedianDaysToConvert),
            AverageDays = Days(f.AverageDaysToConvert),
            Step = step,
            StepTitle = step is null ? "All trials started" : steps.First(s => s.Key == step).Label,
            Rows = trials.Select(Row).ToList(),
            Pager = PagerModel.For(page, PageSize, trials.Count, number => href(listed, number)),
        };
    }

    public static string OutcomeLabel(TrialOutcome outcome) => outcome switch
    {
        TrialOutcome.Converted => "Converted",
        TrialOutcome.Lost => "Lost",
        _ => "Still trialing",
    };

    private static TrialStepView StepOf(string key, string label, int count, int started, string help) =>
        new(key, label, count, started == 0 ? "–" : Percent(count * 100m / started) + " of started", started == 0 ? 0 : count * 100.0 / started, help);

    private static TrialRowView Row(TrialEntry t) => new(
        t.CustomerId,
        string.IsNullOrWhiteSpace(t.Name) ? t.CustomerExternalId : t.Name!,
        t.Email,
        t.SubscriptionExternalId,
        t.Plan,
        CustomerPageModel.DateText(t.Started),
        OutcomeLabel(t.Outcome),
        t.Outcome.ToString().ToLowerInvariant(),
        t.Ended is { } ended ? CustomerPageModel.DateText(ended) : "–",
        t.DaysToConvert is { } days ? days.ToString(CultureInfo.InvariantCulture) : "–");

    private static string Percent(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Days(decimal? days) => days is { } d
        ? Math.Round(d, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture) + (d == 1 ? " day" : " days")
        : "–";
}
