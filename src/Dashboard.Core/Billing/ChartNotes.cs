namespace Dashboard.Core.Billing;

/// <summary>A note on a metric's chart at one day (Baremetrics' annotation); <see cref="Global"/> shows it on every chart.</summary>
public sealed class Annotation
{
    public long Id { get; set; }

    /// <summary>The metric's API name.</summary>
    public required string Metric { get; set; }

    public required string Text { get; set; }
    public DateOnly Date { get; set; }
    public bool Global { get; set; }

    /// <summary>Who added it, as the writer named them (Baremetrics' <c>user_id</c>); null when not given.</summary>
    public string? UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A target for a metric: from <see cref="StartAmount"/> on <see cref="StartDate"/> to <see cref="EndAmount"/> on <see cref="EndDate"/>.</summary>
public sealed class Goal
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The metric's API name.</summary>
    public required string Metric { get; set; }

    /// <summary>In the metric's unit: minor units of the reporting currency for money, else plain numbers.</summary>
    public long StartAmount { get; set; }

    public long EndAmount { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
