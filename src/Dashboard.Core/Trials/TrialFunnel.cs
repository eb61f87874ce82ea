namespace Dashboard.Core.Trials;

/// <summary>Where a trial stands at the end of the range.</summary>
public enum TrialOutcome
{
    /// <summary>The subscription was still running when its trial ended.</summary>
    Converted,

    /// <summary>The trial ended (or the subscription was cancelled during it) without converting.</summary>
    Lost,

    /// <summary>Still in its trial at the end of the range.</summary>
    Trialing,
}

/// <summary>One trial of the funnel: a subscription that started with a trial in the range, and its customer.</summary>
public sealed record TrialEntry(
    long CustomerId,
    string CustomerExternalId,
    string? Name,
    string? Email,
    string SubscriptionExternalId,
    string Plan,
    DateOnly Started,
    TrialOutcome Outcome,
    DateOnly? Ended,
    int? DaysToConvert);

/// <summary>
/// Trials started in start..end (a segment's), and how each stands at the end: converted, lost or still trialing
/// (docs/metrics.md, "Trial funnel"). <see cref="Started"/> equals <c>new_trials</c> over the same range and filters.
/// </summary>
public sealed record TrialFunnel(DateOnly Start, DateOnly End, IReadOnlyList<TrialEntry> Trials)
{
    public int Started => Trials.Count;

    public int Converted => Count(TrialOutcome.Converted);

    public int Lost => Count(TrialOutcome.Lost);

    public int Trialing => Count(TrialOutcome.Trialing);

    /// <summary>Converted as a percentage of the trials that ended (converted or lost); null while none has ended.</summary>
    public decimal? ConversionRate => Converted + Lost == 0 ? null : Converted * 100m / (Converted + Lost);

    /// <summary>Converted as a percentage of all trials started, the still trialing included; null with no trial.</summary>
    public decimal? ConvertedShare => Started == 0 ? null : Converted * 100m / Started;

    /// <summary>The median of the converted trials' days from start to conversion; null with none converted.</summary>
    public decimal? MedianDaysToConvert
    {
        get
        {
            var days = Trials.Where(t => t.DaysToConvert is not null).Select(t => t.DaysToConvert!.Value).Order().ToList();
            return days.Count == 0 ? null
                : days.Count % 2 == 1 ? days[days.Count / 2]
                : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2m;
        }
    }

    /// <summary>The average of the converted trials' days to convert; null with none converted.</summary>
    public decimal? AverageDaysToConvert
    {
        get
        {
            var days = Trials.Where(t => t.DaysToConvert is not null).Select(t => (decimal)t.DaysToConvert!.Value).ToList();
            return days.Count == 0 ? null : days.Sum() / days.Count;
        }
    }

    /// <summary>The trials of one step (all of them for null).</summary>
    public IReadOnlyList<TrialEntry> In(TrialOutcome? outcome) => outcome is { } o ? Trials.Where(t => t.Outcome == o).ToList() : Trials;

    private int Count(TrialOutcome outcome) => Trials.Count(t => t.Outcome == outcome);
}
