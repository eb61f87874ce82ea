namespace Dashboard.Core.Timelines;

/// <summary>
/// A subscription inside a <see cref="CustomerChunk"/>: what <see cref="SubscriptionTimeline"/> holds, with its points
/// as a range of the chunk's flat point array.
/// </summary>
internal readonly record struct SubscriptionSlot(
    long Id,
    string ExternalId,
    int PointStart,
    int PointCount,
    int StartDay,
    int PlanAtStart,
    int TrialEndDay,
    int PlanAtTrialEnd,
    bool StartsWithTrial,
    bool ConvertsTrial);
