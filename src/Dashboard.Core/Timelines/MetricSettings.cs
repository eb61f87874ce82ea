namespace Dashboard.Core.Timelines;

/// <summary>When a cancellation removes a subscription's MRR.</summary>
public enum ChurnRecognition
{
    /// <summary>At <c>CanceledAt</c>, when the subscription actually ends (default).</summary>
    AtEnd,

    /// <summary>At <c>CancelRequestedAt</c>, when the customer schedules the cancellation.</summary>
    WhenScheduled,
}

/// <summary>The reporting policies of docs/metrics.md. Changing any of them needs a full timeline rebuild.</summary>
public sealed record MetricSettings
{
    /// <summary>ISO 4217 code every amount is reported in.</summary>
    public string ReportingCurrency { get; init; } = "USD";

    /// <summary>IANA time zone whose calendar days are the reporting days.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Days a subscription may stay past due before it churns; null = it never churns for being past due.</summary>
    public int? PastDueChurnDays { get; init; } = 30;

    public ChurnRecognition ChurnRecognition { get; init; } = ChurnRecognition.AtEnd;

    /// <summary>When true, subscriptions on metered plans count their plan amount as MRR.</summary>
    public bool IncludeMeteredInMrr { get; init; }
}
