namespace Dashboard.Core.Metrics;

/// <summary>A query the caller got wrong (unknown metric, bad dates, bad filter). The API answers 400 naming <see cref="Parameter"/>.</summary>
public sealed class MetricQueryException(string parameter, string message) : Exception(message)
{
    /// <summary>The query parameter at fault, as the REST API names it: metric, start_date, end_date, interval, filter, compare_to.</summary>
    public string Parameter { get; } = parameter;
}
