namespace Dashboard.Infrastructure.Import.Csv;

/// <summary>One documented column of a kind: its name (the REST API's field name), whether a row needs it, and an example.</summary>
public sealed record CsvField(string Name, bool Required, string Description, string Example);
