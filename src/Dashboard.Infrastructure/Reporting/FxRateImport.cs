namespace Dashboard.Infrastructure.Reporting;

/// <summary>An exchange rate to store: one unit of <see cref="Currency"/> is <see cref="Rate"/> units of the reporting currency.</summary>
public sealed record FxRateImport(DateOnly? Date, string? Currency, decimal? Rate);
