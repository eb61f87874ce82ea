namespace Dashboard.Infrastructure.Exports;

/// <summary>
/// What one run writes: the header and the rows as finished cell texts (numbers already formatted, see
/// <see cref="CsvCells"/>), and the headline numbers an email shows (a label and its formatted value).
/// </summary>
public sealed record ExportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string?>> Rows, IReadOnlyList<Headline> Headlines);

/// <summary>
/// A headline number; <see cref="Change"/> is its change against the previous period or "no comparable period", with
/// <see cref="Reason"/> saying why (docs/ui.md, "Headline numbers"); <see cref="Series"/> holds every bucket's value for
/// the digest's inline bars.
/// </summary>
public sealed record Headline(string Label, string Value, string? Change = null, IReadOnlyList<decimal>? Series = null, string? Reason = null);
