namespace Dashboard.Infrastructure.Demo.Simulation;

/// <summary>What every customer's simulation shares: the options, the history span and the catalog's ids.</summary>
internal sealed record DemoWorld(DemoDataOptions Options, DateTimeOffset HistoryStart, DateTimeOffset HistoryEnd, DemoCatalogIndex Catalog);
