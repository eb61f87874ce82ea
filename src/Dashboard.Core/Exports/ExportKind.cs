namespace Dashboard.Core.Exports;

/// <summary>What an export writes: chosen metrics per bucket, the customer list, or a summary email of the main KPIs.</summary>
public enum ExportKind
{
    Metrics,
    Customers,
    Digest,
}

/// <summary>How often a scheduled export runs; every time is local in the reporting time zone.</summary>
public enum ScheduleFrequency
{
    Daily,
    Weekly,
    Monthly,
    Cron,
}

public enum DeliveryType
{
    Folder,
    Email,
    Webhook,
}
