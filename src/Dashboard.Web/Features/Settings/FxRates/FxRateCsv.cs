using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dashboard.Infrastructure.Reporting;

namespace Dashboard.Web.Features.Settings.FxRates;

/// <summary>One data row of an FX file: its line in the file, what it read, and what is wrong with it (empty when nothing).</summary>
public sealed record FxRateCsvRow(int Line, string Date, string Currency, string Rate, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>A parsed FX file: file-level errors (missing columns), its rows, and the rates to store when every row is good.</summary>
public sealed record FxRateCsvPreview(IReadOnlyList<string> FileErrors, IReadOnlyList<FxRateCsvRow> Rows)
{
    public int BadRowCount => Rows.Count(r => !r.IsValid);

    public bool CanCommit => FileErrors.Count == 0 && Rows.Count > 0 && BadRowCount == 0;

    /// <summary>The rows as the importer takes them (the same type <c>POST /api/v1/fx_rates</c> builds).</summary>
    public IReadOnlyList<FxRateImport> ToImports() => Rows
        .Select(r => new FxRateImport(
            DateOnly.ParseExact(r.Date, FxRateCsv.DateFormat, CultureInfo.InvariantCulture),
            r.Currency.ToUpperInvariant(),
            decimal.Parse(r.Rate, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)))
        .ToList();
}

/// <summary>
/// Reads <c>date,currency,rate</c> files (header required, any column order and case): 1 unit of <c>currency</c> is
/// worth <c>rate</c> units of the reporting currency on <c>date</c> (yyyy-MM-dd), as in <c>POST /api/v1/fx_rates</c>.
/// </summary>
public static class FxRateCsv
{
    public const string DateFormat = "yyyy-MM-dd";
    public const int MaxRows = 100_000;
    public const string Example = "date,currency,rate\n2024-01-31,EUR,1.0843\n2024-01-31,GBP,1.2712\n";

    private static readonly string[] Columns = ["date", "currency", "rate"];

    public static FxRateCsvPreview Parse(TextReader text)
    {
        using var parser = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            BadDataFound = null,
            TrimOptions = TrimOptions.Trim,
        }, leaveOpen: true);
        if (!parser.Read())
        {
            return new FxRateCsvPreview(["The file is empty: the first line must name the columns date,currency,rate."], []);
        }

        var header = (parser.Record ?? []).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return new FxRateCsvPreview(
                [$"Line 1: the header must name the columns date,currency,rate; missing {string.Join(", ", missing)}."], []);
        }

        var (dateAt, currencyAt, rateAt) = (header.IndexOf("date"), header.IndexOf("currency"), header.IndexOf("rate"));
        var rows = new List<FxRateCsvRow>();
        while (parser.Read())
        {
            var record = parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count == MaxRows)
            {
                return new FxRateCsvPreview([$"The file has more than {MaxRows:N0} rows; split it into smaller files."], rows);
            }

            string Cell(int index) => index < record.Length ? record[index].Trim() : string.Empty;
            rows.Add(Check(parser.RawRow, Cell(dateAt), Cell(currencyAt), Cell(rateAt)));
        }

        return new FxRateCsvPreview(rows.Count == 0 ? ["The file has a header but no rates."] : [], rows);
    }

    private static FxRateCsvRow Check(int line, string date, string currency, string rate)
    {
        var errors = new List<string>();
        if (date.Length == 0)
        {
            errors.Add("date is required (yyyy-MM-dd).");
        }
        else if (!DateOnly.TryParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"date '{date}' is not a date in the form yyyy-MM-dd.");
        }

        if (currency.Length == 0)
        {
            errors.Add("currency is required (an ISO 4217 code such as EUR).");
        }
        else if (!Dashboard.Core.Money.Currency.IsValid(currency.ToUpperInvariant()))
        {
            errors.Add($"currency '{currency}' is not an ISO 4217 currency code.");
        }

        if (rate.Length == 0)
        {
            errors.Add("rate is required (units of the reporting currency per unit of the currency).");
        }
        else if (!decimal.TryParse(rate, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add($"rate '{rate}' is not a number (use a dot for decimals: 1.0843).");
        }
        else if (value <= 0m)
        {
            errors.Add($"rate {rate} must be greater than 0.");
        }

        return new FxRateCsvRow(line, date, currency, rate, errors);
    }
}
